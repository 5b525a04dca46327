import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { links } from "../schema/index";

export type LinkRow = typeof links.$inferSelect;
export type Side = "a" | "b";

/** Links of one object whose key on `side` is among `keys`. One query per batch, never per record. */
export async function findLinks(
  db: Database,
  syncId: string,
  object: string,
  side: Side,
  keys: string[],
): Promise<Map<string, LinkRow>> {
  if (keys.length === 0) return new Map();
  const column = side === "a" ? links.idA : links.idB;
  const rows = await db
    .select()
    .from(links)
    .where(and(eq(links.syncId, syncId), eq(links.object, object), inArray(column, keys)));
  const found = new Map<string, LinkRow>();
  for (const row of rows) {
    const key = side === "a" ? row.idA : row.idB;
    if (key !== null) found.set(key, row);
  }
  return found;
}

export interface LinkUpdate {
  idA: string;
  idB: string;
  /** Fingerprint of what was just written, for the direction that wrote it. */
  fingerprint?: { direction: "a-to-b" | "b-to-a"; value: string };
  sourceUpdatedAtA?: string | null;
  sourceUpdatedAtB?: string | null;
  deleted?: boolean;
}

/**
 * Records that idA and idB are the same record. A row may exist already under either key (the
 * write-back half arrives later), so match on A first, then on B, then insert.
 */
export async function saveLinks(
  db: Database,
  syncId: string,
  object: string,
  updates: LinkUpdate[],
): Promise<void> {
  for (const update of updates) {
    const values = {
      idA: update.idA,
      idB: update.idB,
      lastSyncedAt: new Date(),
      ...(update.fingerprint?.direction === "a-to-b"
        ? { fingerprintAToB: update.fingerprint.value }
        : {}),
      ...(update.fingerprint?.direction === "b-to-a"
        ? { fingerprintBToA: update.fingerprint.value }
        : {}),
      ...(update.sourceUpdatedAtA !== undefined
        ? { sourceUpdatedAtA: update.sourceUpdatedAtA }
        : {}),
      ...(update.sourceUpdatedAtB !== undefined
        ? { sourceUpdatedAtB: update.sourceUpdatedAtB }
        : {}),
      deletedAt: update.deleted ? new Date() : null,
    };
    const scope = and(eq(links.syncId, syncId), eq(links.object, object));
    const byA = await db
      .update(links)
      .set(values)
      .where(and(scope, eq(links.idA, update.idA)))
      .returning({ id: links.id });
    if (byA.length > 0) continue;
    const byB = await db
      .update(links)
      .set(values)
      .where(and(scope, eq(links.idB, update.idB)))
      .returning({ id: links.id });
    if (byB.length > 0) continue;
    await db
      .insert(links)
      .values({ syncId, object, ...values })
      .onConflictDoNothing();
  }
}

/**
 * The batch form of saveLinks: one INSERT … ON CONFLICT per 5,000 links, keyed on the A id. Values
 * not given (a fingerprint of the other direction) keep what the row had. Falls back to saveLinks
 * when a row collides on its B id (the same B record re-linked to another A record).
 *
 * The rows travel as one jsonb parameter expanded by jsonb_populate_recordset (the table's own row
 * type converts each value), not as ten bind parameters per row: building and binding tens of
 * thousands of parameters was most of the cost of a large batch.
 */
export async function saveLinksBulk(
  db: Database,
  syncId: string,
  object: string,
  updates: LinkUpdate[],
): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < updates.length; i += 5000) {
    const chunk = updates.slice(i, i + 5000);
    const seen = new Set<string>();
    const rows = chunk
      .filter((u) => {
        if (seen.has(u.idA)) return false;
        seen.add(u.idA);
        return true;
      })
      .map((u) => ({
        id_a: u.idA,
        id_b: u.idB,
        fingerprint_a_to_b: u.fingerprint?.direction === "a-to-b" ? u.fingerprint.value : null,
        fingerprint_b_to_a: u.fingerprint?.direction === "b-to-a" ? u.fingerprint.value : null,
        source_updated_at_a: u.sourceUpdatedAtA ?? null,
        source_updated_at_b: u.sourceUpdatedAtB ?? null,
        deleted_at: u.deleted ? now : null,
      }));
    try {
      await db.execute(sql`
        INSERT INTO links AS l (sync_id, object, id_a, id_b, fingerprint_a_to_b, fingerprint_b_to_a,
          source_updated_at_a, source_updated_at_b, deleted_at, last_synced_at)
        SELECT ${syncId}::uuid, ${object}, r.id_a, r.id_b, r.fingerprint_a_to_b, r.fingerprint_b_to_a,
          r.source_updated_at_a, r.source_updated_at_b, r.deleted_at, ${now}::timestamptz
        FROM jsonb_populate_recordset(NULL::links, ${JSON.stringify(rows)}::jsonb) AS r
        ON CONFLICT (sync_id, object, id_a) DO UPDATE SET
          id_b = excluded.id_b,
          fingerprint_a_to_b = coalesce(excluded.fingerprint_a_to_b, l.fingerprint_a_to_b),
          fingerprint_b_to_a = coalesce(excluded.fingerprint_b_to_a, l.fingerprint_b_to_a),
          source_updated_at_a = coalesce(excluded.source_updated_at_a, l.source_updated_at_a),
          source_updated_at_b = coalesce(excluded.source_updated_at_b, l.source_updated_at_b),
          deleted_at = excluded.deleted_at,
          last_synced_at = excluded.last_synced_at`);
    } catch {
      await saveLinks(db, syncId, object, chunk);
    }
  }
}
