import { z } from "zod";
import { tokenProcedure } from "../access/token-access";
import type { Context } from "../context";
import { editorDeps } from "../editor/router-support";
import { applySyncDocument } from "../sync-ops/apply";
import {
  activateSync,
  describeLoops,
  type LifecycleDeps,
  pauseSync,
  runSyncNow,
} from "../sync-ops/lifecycle";
import { listSyncWatermarks, resetSyncWatermark } from "../sync-ops/watermarks";
import { requireRole, router } from "../trpc";
import { idSchema, jsonSafetyProblem, text } from "../validation";

const syncIdInput = z.object({ syncId: idSchema });
const directionSchema = z.enum(["a-to-b", "b-to-a"]);

function lifecycle(ctx: Pick<Context, "db" | "temporal" | "taskQueue">): LifecycleDeps {
  return { db: ctx.db, temporal: ctx.temporal, taskQueue: ctx.taskQueue };
}

const viewer = requireRole("viewer");
const builder = requireRole("builder");

// The document is checked field by field in applySyncDocument (every problem with its path);
// here only that it is JSON Postgres can store.
const documentInput = z.object({ document: z.unknown() }).superRefine((value, ctx) => {
  const problem = jsonSafetyProblem(value.document);
  if (problem)
    ctx.addIssue({ code: "custom", path: ["document"], message: `The document ${problem}.` });
});
// Turning a sync on and off is operating it, not editing it: builders publish, operators run.
const operator = requireRole("operator");

/**
 * Running syncs: activation (one trigger loop per flow on Temporal), pause/resume, run now (the
 * only procedure an API token may call, for the syncs in its scope) and watermarks.
 */
export const syncOpsRouter = router({
  /** The trigger loops of the sync's flows, as Temporal reports them. */
  loops: viewer
    .input(syncIdInput)
    .query(({ ctx, input }) => describeLoops(lifecycle(ctx), input.syncId)),

  activate: operator.input(syncIdInput).mutation(async ({ ctx, input }) => {
    const loops = await activateSync(lifecycle(ctx), input.syncId);
    await ctx.audit({ action: "sync.activate", entityType: "sync", entityId: input.syncId });
    return loops;
  }),

  pause: operator.input(syncIdInput).mutation(async ({ ctx, input }) => {
    const loops = await pauseSync(lifecycle(ctx), input.syncId);
    await ctx.audit({ action: "sync.pause", entityType: "sync", entityId: input.syncId });
    return loops;
  }),

  /** Starts the loops again; they continue from the watermarks pause left in place. */
  resume: operator.input(syncIdInput).mutation(async ({ ctx, input }) => {
    const loops = await activateSync(lifecycle(ctx), input.syncId);
    await ctx.audit({ action: "sync.resume", entityType: "sync", entityId: input.syncId });
    return loops;
  }),

  runNow: tokenProcedure
    .input(z.object({ direction: directionSchema.optional(), wait: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      const started = await runSyncNow(lifecycle(ctx), input);
      await ctx.audit({
        action: "sync.run",
        entityType: "sync",
        entityId: input.syncId,
        details: {
          direction: input.direction ?? "both",
          workflowIds: started.map((s) => s.workflowId),
        },
      });
      return started;
    }),

  /**
   * Creates or updates a sync (by name) and its flows from a definition document and publishes
   * them: a settings change, so builders (or an automation token with the builder role).
   */
  applyDocument: builder.input(documentInput).mutation(async ({ ctx, input }) => {
    const result = await applySyncDocument(editorDeps(ctx), input.document, ctx.session.user.id);
    if (result.applied) {
      await ctx.audit({
        action: result.created ? "sync.create" : "sync.apply",
        entityType: "sync",
        entityId: result.syncId,
        details: { versions: result.versions },
      });
    }
    return result;
  }),

  watermarks: viewer
    .input(syncIdInput)
    .query(({ ctx, input }) => listSyncWatermarks(ctx.db, input.syncId)),

  resetWatermark: operator
    .input(
      z.object({
        syncId: idSchema,
        flowId: idSchema,
        object: text(500),
        /** Null (the default) re-reads from the beginning. */
        cursor: text(2000).nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { previous } = await resetSyncWatermark(ctx.db, input);
      await ctx.audit({
        action: "sync.watermark.reset",
        entityType: "flow",
        entityId: input.flowId,
        details: { syncId: input.syncId, object: input.object, from: previous, to: input.cursor },
      });
      return { previous, cursor: input.cursor };
    }),
});
