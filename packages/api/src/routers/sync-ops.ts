import { z } from "zod";
import { tokenProcedure } from "../access/token-access";
import type { Context } from "../context";
import {
  activateSync,
  describeLoops,
  type LifecycleDeps,
  pauseSync,
  runSyncNow,
} from "../sync-ops/lifecycle";
import { listSyncWatermarks, resetSyncWatermark } from "../sync-ops/watermarks";
import { requireRole, router } from "../trpc";
import { idSchema, text } from "../validation";

const syncIdInput = z.object({ syncId: idSchema });
const directionSchema = z.enum(["a-to-b", "b-to-a"]);

function lifecycle(ctx: Pick<Context, "db" | "temporal" | "taskQueue">): LifecycleDeps {
  return { db: ctx.db, temporal: ctx.temporal, taskQueue: ctx.taskQueue };
}

const viewer = requireRole("viewer");
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
