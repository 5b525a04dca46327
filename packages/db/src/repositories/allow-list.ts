import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { allowedHosts } from "../schema/index";

export type AllowedHostRow = typeof allowedHosts.$inferSelect;

export async function listAllowedHosts(db: Database): Promise<AllowedHostRow[]> {
  return db.select().from(allowedHosts).orderBy(asc(allowedHosts.pattern));
}

/** Returns null when the pattern is already listed. */
export async function addAllowedHost(
  db: Database,
  input: { pattern: string; note: string; createdBy: string | null },
): Promise<AllowedHostRow | null> {
  const inserted = await db
    .insert(allowedHosts)
    .values(input)
    .onConflictDoNothing({ target: allowedHosts.pattern })
    .returning();
  return inserted[0] ?? null;
}

export async function removeAllowedHost(db: Database, id: string): Promise<AllowedHostRow | null> {
  const deleted = await db.delete(allowedHosts).where(eq(allowedHosts.id, id)).returning();
  return deleted[0] ?? null;
}
