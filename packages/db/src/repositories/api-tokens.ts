import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { apiTokens, users } from "../schema/index";
import { hashToken, randomToken } from "../security/tokens";
import type { Role } from "./sessions";

/** Every token starts with this, so secret scanners (and people) recognise a leaked one. */
export const API_TOKEN_PREFIX = "dpx_";

export interface ApiTokenSummary {
  id: string;
  name: string;
  syncIds: string[];
  /** Automation tokens act as their creator with at most this role; null: invoke-only. */
  role: Role | null;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const summaryColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  scope: apiTokens.scope,
  createdBy: apiTokens.createdBy,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

function summary(row: {
  id: string;
  name: string;
  scope: { syncIds: string[]; role?: Role };
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenSummary {
  const { scope, ...rest } = row;
  return { ...rest, syncIds: scope.syncIds, role: scope.role ?? null };
}

/** Creates a token; the plaintext is returned once and only its hash is kept. */
export async function createApiToken(
  db: Database,
  input: { name: string; syncIds: string[]; createdBy: string; role?: Role | undefined },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const inserted = await db
    .insert(apiTokens)
    .values({
      name: input.name,
      tokenHash: hashToken(token),
      createdBy: input.createdBy,
      scope: input.role ? { syncIds: input.syncIds, role: input.role } : { syncIds: input.syncIds },
    })
    .returning(summaryColumns);
  const row = inserted[0];
  if (!row) throw new Error("inserting the API token returned no row");
  return { token, summary: summary(row) };
}

export async function listApiTokens(db: Database): Promise<ApiTokenSummary[]> {
  const rows = await db.select(summaryColumns).from(apiTokens).orderBy(desc(apiTokens.createdAt));
  return rows.map(summary);
}

export async function revokeApiToken(db: Database, id: string, now: Date): Promise<boolean> {
  const updated = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return updated.length > 0;
}

/**
 * The token a bearer value names, if it is not revoked and its creator is still an active user:
 * disabling a user must also silence the integrations they set up.
 */
export async function findActiveApiToken(
  db: Database,
  token: string,
  now: Date,
): Promise<ApiTokenSummary | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const rows = await db
    .select(summaryColumns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  return summary(row);
}
