import { updateRun } from "@duplex/db";
import { createReplayRun, ReplayError, startRunWorkflow } from "@duplex/flows";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  listRunOutcomes,
  listRuns,
  outcomeSchema,
  requireRun,
  runDetail,
  runStatusSchema,
} from "../runs/run-views";
import { requireRole, router } from "../trpc";
import { idSchema, text } from "../validation";

const viewer = requireRole("viewer");
const operator = requireRole("operator");

const replayInputSchema = z
  .object({
    runId: idSchema,
    mode: z.enum(["all", "failed", "record"]),
    sourceKey: text(1000).optional(),
    fromStep: text(200).optional(),
    latestVersion: z.boolean().optional(),
  })
  .refine((input) => input.mode !== "record" || input.sourceKey !== undefined, {
    message: "Replaying one record needs its sourceKey.",
    path: ["sourceKey"],
  });

/** The runs console: everyone signed in reads, operators replay. */
export const runsRouter = router({
  list: viewer
    .input(
      z.object({
        syncId: idSchema,
        direction: z.enum(["a-to-b", "b-to-a"]).optional(),
        status: runStatusSchema.optional(),
        cursor: text(500).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listRuns(ctx.db, input)),

  get: viewer
    .input(z.object({ runId: idSchema }))
    .query(({ ctx, input }) => runDetail(ctx.db, input.runId)),

  outcomes: viewer
    .input(
      z.object({
        runId: idSchema,
        outcome: outcomeSchema.optional(),
        cursor: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      }),
    )
    .query(({ ctx, input }) => listRunOutcomes(ctx.db, input)),

  /** A replay is a new run linked to the original (design §3); writes are idempotent upserts. */
  replay: operator.input(replayInputSchema).mutation(async ({ ctx, input }) => {
    await requireRun(ctx.db, input.runId);
    let created: { runId: string; count: number };
    try {
      created = await createReplayRun(ctx.db, input);
    } catch (error) {
      if (error instanceof ReplayError)
        throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
      throw error;
    }
    const handle = await startRunWorkflow(await ctx.temporal(), ctx.taskQueue, created.runId);
    await updateRun(ctx.db, created.runId, { workflowId: handle.workflowId });
    await ctx.audit({
      action: "run.replay",
      entityType: "run",
      entityId: created.runId,
      details: {
        replayOf: input.runId,
        mode: input.mode,
        sourceKey: input.sourceKey ?? null,
        fromStep: input.fromStep ?? null,
        latestVersion: input.latestVersion ?? false,
        records: created.count,
      },
    });
    return { runId: created.runId, records: created.count, workflowId: handle.workflowId };
  }),
});
