import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { connections } from "../schema/index";

/**
 * Raw connection rows, ciphertext included. Only the API's connection service reads these: it
 * decides what may leave the server (never the ciphertext, never the plaintext secrets).
 */
export type ConnectionRow = typeof connections.$inferSelect;

export interface ConnectionWrite {
  name: string;
  type: string;
  config: Record<string, unknown>;
  secretCiphertext: string | null;
  secretKeyVersion: number | null;
}

export async function listConnectionRows(db: Database): Promise<ConnectionRow[]> {
  return db.select().from(connections).orderBy(asc(connections.name));
}

export async function findConnectionRow(db: Database, id: string): Promise<ConnectionRow | null> {
  const rows = await db.select().from(connections).where(eq(connections.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findConnectionRowByName(
  db: Database,
  name: string,
): Promise<ConnectionRow | null> {
  const rows = await db.select().from(connections).where(eq(connections.name, name)).limit(1);
  return rows[0] ?? null;
}

/** Returns null when the name is taken. */
export async function insertConnectionRow(
  db: Database,
  input: ConnectionWrite & { createdBy: string | null },
): Promise<ConnectionRow | null> {
  const inserted = await db
    .insert(connections)
    .values(input)
    .onConflictDoNothing({ target: connections.name })
    .returning();
  return inserted[0] ?? null;
}

export async function updateConnectionRow(
  db: Database,
  id: string,
  input: ConnectionWrite,
  now: Date,
): Promise<ConnectionRow | null> {
  const updated = await db
    .update(connections)
    .set({ ...input, updatedAt: now })
    .where(eq(connections.id, id))
    .returning();
  return updated[0] ?? null;
}

export async function deleteConnectionRow(db: Database, id: string): Promise<boolean> {
  const deleted = await db
    .delete(connections)
    .where(eq(connections.id, id))
    .returning({ id: connections.id });
  return deleted.length > 0;
}
