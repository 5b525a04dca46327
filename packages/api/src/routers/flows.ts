import { z } from "zod";
import {
  applyOperationsInputSchema,
  applyOperationsToDraft,
  flowView,
  requireFlow,
  saveDraft,
  saveDraftInputSchema,
} from "../editor/flow-service";
import {
  describeFlowSides,
  listVersions,
  publishSync,
  readVersion,
  versionAsDraft,
} from "../editor/publish-service";
import { editorCall, editorDeps } from "../editor/router-support";
import { flowIdInputSchema } from "../editor/sync-input";
import { requireSync, syncDefinitionOf } from "../editor/sync-service";
import { runTestStep, testStepInputSchema } from "../editor/test-step";
import { requireRole, router } from "../trpc";

const viewer = requireRole("viewer");
const builder = requireRole("builder");

export const flowsRouter = router({
  get: viewer
    .input(flowIdInputSchema)
    .query(({ ctx, input }) =>
      editorCall(async () => flowView(await requireFlow(editorDeps(ctx), input.flowId))),
    ),

  /** Live descriptors of the flow's source and target objects (mapping editor, validation). */
  sides: viewer.input(flowIdInputSchema).query(({ ctx, input }) =>
    editorCall(async () => {
      const deps = editorDeps(ctx);
      const flow = flowView(await requireFlow(deps, input.flowId));
      const sync = await requireSync(deps, (await requireFlow(deps, input.flowId)).syncId);
      return describeFlowSides(
        deps,
        {
          definition: syncDefinitionOf(sync),
          connectionAId: sync.connectionAId,
          connectionBId: sync.connectionBId,
        },
        flow.draft,
      );
    }),
  ),

  applyOperations: builder
    .input(applyOperationsInputSchema)
    .mutation(({ ctx, input }) =>
      editorCall(() => applyOperationsToDraft(editorDeps(ctx), input, ctx.session.user.id)),
    ),

  saveDraft: builder
    .input(saveDraftInputSchema)
    .mutation(({ ctx, input }) =>
      editorCall(() => saveDraft(editorDeps(ctx), input, ctx.session.user.id)),
    ),

  /** Validates all of the sync's flows; publishes them all, or returns every problem. */
  publish: builder
    .input(z.object({ syncId: z.uuid(), note: z.string().max(500).optional() }))
    .mutation(async ({ ctx, input }) => {
      const result = await editorCall(() =>
        publishSync(editorDeps(ctx), input, ctx.session.user.id),
      );
      if (result.published) {
        await ctx.audit({
          action: "sync.publish",
          entityType: "sync",
          entityId: input.syncId,
          details: { versions: result.versions },
        });
      }
      return result;
    }),

  versions: viewer
    .input(flowIdInputSchema)
    .query(({ ctx, input }) => editorCall(() => listVersions(editorDeps(ctx), input.flowId))),

  version: viewer
    .input(z.object({ versionId: z.uuid() }))
    .query(({ ctx, input }) => editorCall(() => readVersion(editorDeps(ctx), input.versionId))),

  /** Makes an old version the draft again (a new draft revision; versions never change). */
  restoreVersion: builder
    .input(z.object({ flowId: z.uuid(), versionId: z.uuid(), revision: z.number().int().min(1) }))
    .mutation(({ ctx, input }) =>
      editorCall(async () => {
        const deps = editorDeps(ctx);
        const draft = await versionAsDraft(deps, input);
        return saveDraft(
          deps,
          { flowId: input.flowId, revision: input.revision, draft },
          ctx.session.user.id,
        );
      }),
    ),

  testStep: builder
    .input(testStepInputSchema)
    .mutation(({ ctx, input }) => editorCall(() => runTestStep(editorDeps(ctx), input))),
});
