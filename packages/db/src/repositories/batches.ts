import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { batches } from "../schema/index";

/** Claim check: stores records for a step and returns the id that travels through the workflow. */
export async function saveBatch(
  db: Database,
  runId: string,
  nodeId: string,
  records: unknown[],
): Promise<string> {
  const [row] = await db
    .insert(batches)
    .values({ runId, nodeId, count: records.length, records })
    .returning({ id: batches.id });
  if (!row) throw new Error("saving a batch returned no id");
  return row.id;
}

export async function loadBatch(db: Database, batchId: string): Promise<unknown[]> {
  const [row] = await db
    .select({ records: batches.records })
    .from(batches)
    .where(eq(batches.id, batchId));
  if (!row) throw new Error(`batch ${batchId} does not exist`);
  return row.records;
}
