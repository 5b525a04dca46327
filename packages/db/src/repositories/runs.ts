import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { recordOutcomes, runSteps, runs } from "../schema/index";

export type RunRow = typeof runs.$inferSelect;
export type RecordOutcomeRow = typeof recordOutcomes.$inferSelect;
export type NewRecordOutcome = Omit<
  typeof recordOutcomes.$inferInsert,
  "id" | "runId" | "createdAt"
>;

export async function createRun(db: Database, values: typeof runs.$inferInsert): Promise<RunRow> {
  const [row] = await db.insert(runs).values(values).returning();
  if (!row) throw new Error("creating a run returned no row");
  return row;
}

export async function getRun(db: Database, runId: string): Promise<RunRow> {
  const [row] = await db.select().from(runs).where(eq(runs.id, runId));
  if (!row) throw new Error(`run ${runId} does not exist`);
  return row;
}

export async function updateRun(
  db: Database,
  runId: string,
  values: Partial<typeof runs.$inferInsert>,
): Promise<void> {
  await db.update(runs).set(values).where(eq(runs.id, runId));
}

export interface StepRecord {
  runId: string;
  nodeId: string;
  nodeType: string;
  status: "running" | "succeeded" | "failed" | "skipped";
  attempts: number;
  startedAt: Date;
  finishedAt?: Date | null;
  inputBatchId?: string | null;
  outputBatchId?: string | null;
  inputSummary?: Record<string, unknown> | null;
  outputSummary?: Record<string, unknown> | null;
  error?: string | null;
}

/** One row per (run, node); a retried activity overwrites its own earlier attempt. */
export async function recordStep(db: Database, step: StepRecord): Promise<void> {
  const durationMs = step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : null;
  const values = { ...step, durationMs };
  await db
    .insert(runSteps)
    .values(values)
    .onConflictDoUpdate({ target: [runSteps.runId, runSteps.nodeId], set: values });
}

export async function listSteps(db: Database, runId: string) {
  return db.select().from(runSteps).where(eq(runSteps.runId, runId)).orderBy(runSteps.startedAt);
}

/**
 * Replaces the outcomes a node recorded for a run, so a retried step activity does not count its
 * records twice.
 */
export async function replaceOutcomes(
  db: Database,
  runId: string,
  nodeId: string,
  outcomes: NewRecordOutcome[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(recordOutcomes)
      .where(and(eq(recordOutcomes.runId, runId), eq(recordOutcomes.nodeId, nodeId)));
    for (let i = 0; i < outcomes.length; i += 1000) {
      const chunk = outcomes.slice(i, i + 1000).map((o) => ({ ...o, runId, nodeId }));
      if (chunk.length > 0) await tx.insert(recordOutcomes).values(chunk);
    }
  });
}

export async function listOutcomes(
  db: Database,
  runId: string,
  outcome?: RecordOutcomeRow["outcome"],
) {
  const where = outcome
    ? and(eq(recordOutcomes.runId, runId), eq(recordOutcomes.outcome, outcome))
    : eq(recordOutcomes.runId, runId);
  return db.select().from(recordOutcomes).where(where).orderBy(recordOutcomes.id);
}

export async function countOutcomes(db: Database, runId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ outcome: recordOutcomes.outcome, n: sql<number>`count(*)::int` })
    .from(recordOutcomes)
    .where(eq(recordOutcomes.runId, runId))
    .groupBy(recordOutcomes.outcome);
  return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
}
