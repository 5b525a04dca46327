import { type Database, flows, setWatermark, watermarks } from "@duplex/db";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";

export interface WatermarkView {
  flowId: string;
  direction: "a-to-b" | "b-to-a";
  object: string;
  cursor: string | null;
  updatedAt: string;
}

/** Every watermark of the sync's flows: where each trigger resumes. */
export async function listSyncWatermarks(db: Database, syncId: string): Promise<WatermarkView[]> {
  const rows = await db
    .select({
      flowId: watermarks.flowId,
      direction: flows.direction,
      object: watermarks.object,
      cursor: watermarks.cursor,
      updatedAt: watermarks.updatedAt,
    })
    .from(watermarks)
    .innerJoin(flows, eq(flows.id, watermarks.flowId))
    .where(eq(flows.syncId, syncId))
    .orderBy(flows.direction, watermarks.object);
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

/**
 * Moves a watermark back (null: read everything again). Re-reading is safe, since the compare node
 * skips records that did not change; a running loop picks the new position up on its next read,
 * unless a run in flight commits its own cursor first (pause the sync for a reset that must stick).
 */
export async function resetSyncWatermark(
  db: Database,
  input: { syncId: string; flowId: string; object: string; cursor: string | null },
): Promise<{ previous: string | null }> {
  const [flow] = await db
    .select({ id: flows.id })
    .from(flows)
    .where(and(eq(flows.id, input.flowId), eq(flows.syncId, input.syncId)));
  if (!flow) throw new TRPCError({ code: "NOT_FOUND", message: "No such flow in this sync." });
  const [current] = await db
    .select({ cursor: watermarks.cursor })
    .from(watermarks)
    .where(and(eq(watermarks.flowId, input.flowId), eq(watermarks.object, input.object)));
  await setWatermark(db, input.flowId, input.object, input.cursor);
  return { previous: current?.cursor ?? null };
}
