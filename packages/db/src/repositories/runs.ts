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
    // One jsonb parameter per 5,000 rows, expanded with the table's own row type: binding eight
    // parameters per row through the query builder was most of the cost of a large batch.
    for (let i = 0; i < outcomes.length; i += 5000) {
      const rows = outcomes.slice(i, i + 5000).map((o) => ({
        object: o.object,
        source_key: o.sourceKey,
        target_key: o.targetKey ?? null,
        outcome: o.outcome,
        node_id: nodeId,
        error: o.error ?? null,
        change: o.change ?? null,
      }));
      await tx.execute(sql`
        INSERT INTO record_outcomes (run_id, object, source_key, target_key, outcome, node_id, error, change)
        SELECT ${runId}::uuid, r.object, r.source_key, r.target_key, r.outcome, r.node_id, r.error, r.change
        FROM jsonb_populate_recordset(NULL::record_outcomes, ${JSON.stringify(rows)}::jsonb) AS r`);
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
