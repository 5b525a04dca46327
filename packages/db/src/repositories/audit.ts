import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { auditLog } from "../schema/index";

/**
 * The audit log is append-only: this module can insert and read, nothing else. Details must never
 * contain secrets; the API's `audit()` helper enforces that before calling here.
 */
export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
  at: Date;
}

export async function insertAuditEntry(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}

export interface AuditQuery {
  /** Keyset paging: entries with an id below this one (the previous page's `nextCursor`). */
  before?: number | undefined;
  limit: number;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorUserId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export async function listAuditEntries(
  db: Database,
  query: AuditQuery,
): Promise<{ entries: AuditRow[]; nextCursor: number | null }> {
  const filters: (SQL | undefined)[] = [
    query.before !== undefined ? lt(auditLog.id, query.before) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.actorUserId ? eq(auditLog.actorUserId, query.actorUserId) : undefined,
    query.from ? gte(auditLog.at, query.from) : undefined,
    query.to ? lte(auditLog.at, query.to) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const entries = rows.slice(0, query.limit);
  const last = entries[entries.length - 1];
  return { entries, nextCursor: rows.length > query.limit && last ? last.id : null };
}
