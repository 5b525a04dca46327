import {
  countOutcomes,
  type Database,
  listSteps,
  type RecordOutcomeRow,
  type RunRow,
  recordOutcomes,
  runs,
} from "@duplex/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, gt, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";

export const runStatusSchema = z.enum([
  "queued",
  "running",
  "succeeded",
  "partially-failed",
  "failed",
  "cancelled",
]);
export const outcomeSchema = z.enum([
  "created",
  "updated",
  "skipped-equal",
  "skipped-no-external-id",
  "skipped-filtered",
  "skipped-conflict",
  "deleted",
  "failed",
  "deferred",
]);

export interface RunListItem {
  id: string;
  syncId: string;
  flowId: string;
  direction: RunRow["direction"];
  status: RunRow["status"];
  trigger: string;
  counts: Record<string, number>;
  replayOf: string | null;
  replayMode: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

function listItem(row: RunRow): RunListItem {
  return {
    id: row.id,
    syncId: row.syncId,
    flowId: row.flowId,
    direction: row.direction,
    status: row.status,
    trigger: row.trigger,
    counts: row.counts,
    replayOf: row.replayOf,
    replayMode: row.replayMode,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

// Keyset pagination, newest first: the cursor is the last row's (createdAt, id), opaque to callers.
const runCursorSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

function encodeCursor(row: RunRow): string {
  return Buffer.from(JSON.stringify({ at: row.createdAt.toISOString(), id: row.id })).toString(
    "base64url",
  );
}

function decodeCursor(cursor: string): z.infer<typeof runCursorSchema> {
  try {
    return runCursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Invalid cursor; start from the first page.",
    });
  }
}

export async function listRuns(
  db: Database,
  input: {
    syncId: string;
    direction?: RunRow["direction"] | undefined;
    status?: RunRow["status"] | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: RunListItem[]; nextCursor: string | null }> {
  const where: SQL[] = [eq(runs.syncId, input.syncId)];
  if (input.direction) where.push(eq(runs.direction, input.direction));
  if (input.status) where.push(eq(runs.status, input.status));
  if (input.cursor) {
    const { at, id } = decodeCursor(input.cursor);
    const after = or(
      lt(runs.createdAt, new Date(at)),
      and(eq(runs.createdAt, new Date(at)), lt(runs.id, id)),
    );
    if (after) where.push(after);
  }
  const rows = await db
    .select()
    .from(runs)
    .where(and(...where))
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(listItem),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
  };
}

export async function requireRun(db: Database, runId: string): Promise<RunRow> {
  const [row] = await db.select().from(runs).where(eq(runs.id, runId));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such run." });
  return row;
}

/** A run with its steps (in execution order), outcome counts and replay lineage. */
export async function runDetail(db: Database, runId: string) {
  const run = await requireRun(db, runId);
  const steps = await listSteps(db, runId);
  const replays = await db
    .select({ id: runs.id, status: runs.status, replayMode: runs.replayMode })
    .from(runs)
    .where(eq(runs.replayOf, runId))
    .orderBy(runs.createdAt);
  return {
    ...listItem(run),
    flowVersionId: run.flowVersionId,
    startNodeId: run.startNodeId,
    outcomeCounts: await countOutcomes(db, runId),
    replays,
    steps: steps.map((s) => ({
      nodeId: s.nodeId,
      nodeType: s.nodeType,
      status: s.status,
      attempts: s.attempts,
      startedAt: s.startedAt.toISOString(),
      finishedAt: s.finishedAt?.toISOString() ?? null,
      durationMs: s.durationMs,
      inputSummary: s.inputSummary,
      outputSummary: s.outputSummary,
      error: s.error,
    })),
  };
}

export interface OutcomeView {
  id: number;
  object: string;
  sourceKey: string;
  targetKey: string | null;
  outcome: RecordOutcomeRow["outcome"];
  nodeId: string | null;
  error: Record<string, unknown> | null;
  createdAt: string;
}

/** Per-record outcomes, oldest first; the cursor is the last id seen. */
export async function listRunOutcomes(
  db: Database,
  input: {
    runId: string;
    outcome?: RecordOutcomeRow["outcome"] | undefined;
    cursor?: number | undefined;
    limit: number;
  },
): Promise<{ items: OutcomeView[]; nextCursor: number | null }> {
  await requireRun(db, input.runId);
  const where: SQL[] = [eq(recordOutcomes.runId, input.runId)];
  if (input.outcome) where.push(eq(recordOutcomes.outcome, input.outcome));
  if (input.cursor !== undefined) where.push(gt(recordOutcomes.id, input.cursor));
  const rows = await db
    .select()
    .from(recordOutcomes)
    .where(and(...where))
    .orderBy(recordOutcomes.id)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      object: r.object,
      sourceKey: r.sourceKey,
      targetKey: r.targetKey,
      outcome: r.outcome,
      nodeId: r.nodeId,
      error: r.error,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
