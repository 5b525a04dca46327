import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { deferredChanges, watermarks } from "../schema/index";

export async function getWatermark(
  db: Database,
  flowId: string,
  object: string,
): Promise<string | null> {
  const [row] = await db
    .select({ cursor: watermarks.cursor })
    .from(watermarks)
    .where(and(eq(watermarks.flowId, flowId), eq(watermarks.object, object)));
  return row?.cursor ?? null;
}

export async function setWatermark(
  db: Database,
  flowId: string,
  object: string,
  cursor: string | null,
): Promise<void> {
  await db
    .insert(watermarks)
    .values({ flowId, object, cursor, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: [watermarks.flowId, watermarks.object],
      set: { cursor, updatedAt: new Date() },
    });
}

export type DeferredChangeRow = typeof deferredChanges.$inferSelect;

export async function listDeferred(
  db: Database,
  flowId: string,
  limit: number,
): Promise<DeferredChangeRow[]> {
  return db
    .select()
    .from(deferredChanges)
    .where(eq(deferredChanges.flowId, flowId))
    .orderBy(deferredChanges.firstDeferredAt)
    .limit(limit);
}

export async function saveDeferred(
  db: Database,
  flowId: string,
  items: Array<{ sourceKey: string; change: Record<string, unknown>; reason: string }>,
): Promise<void> {
  for (const item of items) {
    await db
      .insert(deferredChanges)
      .values({ flowId, ...item })
      .onConflictDoUpdate({
        target: [deferredChanges.flowId, deferredChanges.sourceKey],
        set: {
          change: item.change,
          reason: item.reason,
          lastDeferredAt: new Date(),
          attempts: sql`${deferredChanges.attempts} + 1`,
        },
      });
  }
}

export async function clearDeferred(
  db: Database,
  flowId: string,
  sourceKeys: string[],
): Promise<void> {
  if (sourceKeys.length === 0) return;
  await db
    .delete(deferredChanges)
    .where(and(eq(deferredChanges.flowId, flowId), inArray(deferredChanges.sourceKey, sourceKeys)));
}
