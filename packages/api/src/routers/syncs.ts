import { z } from "zod";
import { withConnector } from "../editor/deps";
import { getSyncEditor } from "../editor/flow-service";
import { editorCall, editorDeps } from "../editor/router-support";
import { createSyncInputSchema, syncIdInputSchema } from "../editor/sync-input";
import {
  createSyncWithFlows,
  deleteSync,
  duplicateSync,
  listSyncSummaries,
} from "../editor/sync-service";
import { requireRole, router } from "../trpc";

const viewer = requireRole("viewer");
const builder = requireRole("builder");

export const syncsRouter = router({
  list: viewer.query(({ ctx }) => editorCall(() => listSyncSummaries(editorDeps(ctx)))),

  /** The sync with both direction flows, as the editor opens it. */
  get: viewer
    .input(syncIdInputSchema)
    .query(({ ctx, input }) => editorCall(() => getSyncEditor(editorDeps(ctx), input.syncId))),

  create: builder.input(createSyncInputSchema).mutation(async ({ ctx, input }) => {
    const created = await editorCall(() =>
      createSyncWithFlows(editorDeps(ctx), input, ctx.session.user.id),
    );
    await ctx.audit({
      action: "sync.create",
      entityType: "sync",
      entityId: created.syncId,
      details: { name: input.name },
    });
    return created;
  }),

  duplicate: builder.input(syncIdInputSchema).mutation(async ({ ctx, input }) => {
    const copy = await editorCall(() =>
      duplicateSync(editorDeps(ctx), input.syncId, ctx.session.user.id),
    );
    await ctx.audit({
      action: "sync.duplicate",
      entityType: "sync",
      entityId: copy.syncId,
      details: { from: input.syncId },
    });
    return copy;
  }),

  delete: builder.input(syncIdInputSchema).mutation(async ({ ctx, input }) => {
    await editorCall(() => deleteSync(editorDeps(ctx), input.syncId));
    await ctx.audit({ action: "sync.delete", entityType: "sync", entityId: input.syncId });
  }),

  /** Objects and fields of a connection, for the wizard's object pickers. */
  connectionObjects: builder
    .input(z.object({ connectionId: z.uuid() }))
    .query(({ ctx, input }) =>
      editorCall(() => withConnector(editorDeps(ctx), input.connectionId, (c) => c.describe())),
    ),
});
