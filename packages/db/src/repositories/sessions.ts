import { and, eq, gt, isNull, lt, ne } from "drizzle-orm";
import type { Database } from "../client";
import { sessions, users } from "../schema/index";
import { hashToken, randomToken } from "../security/tokens";
import type { Queryable } from "./users";

/** How long a session lives: `idleMs` since it was last used, and never beyond `absoluteMs`. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleMs: 12 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
};

export type Role = (typeof users.$inferSelect)["role"];

export interface SessionUser {
  id: string;
  username: string;
  email: string | null;
  role: Role;
  mustChangePassword: boolean;
}

export interface ActiveSession {
  tokenHash: string;
  expiresAt: Date;
  user: SessionUser;
}

// Writing last_seen_at on every request would turn each read into a write; a minute is precise
// enough for a 12-hour idle timeout.
const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(
  db: Database,
  input: { userId: string; userAgent: string | null; policy: SessionPolicy; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(input.now.getTime() + input.policy.absoluteMs);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: input.userId,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  });
  return { token, expiresAt };
}

/**
 * The session a cookie token names, if it is still valid: not revoked, not past its absolute
 * expiry, used within the idle window, and its user not disabled. Refreshes last_seen_at.
 */
export async function findActiveSession(
  db: Database,
  token: string,
  policy: SessionPolicy,
  now: Date,
): Promise<ActiveSession | null> {
  const tokenHash = hashToken(token);
  const rows = await db
    .select({
      tokenHash: sessions.tokenHash,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      user: {
        id: users.id,
        username: users.username,
        email: users.email,
        role: users.role,
        mustChangePassword: users.mustChangePassword,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - policy.idleMs)),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.tokenHash, tokenHash), lt(sessions.lastSeenAt, now)));
  }
  return { tokenHash: row.tokenHash, expiresAt: row.expiresAt, user: row.user };
}

export async function revokeSessionByHash(
  db: Database,
  tokenHash: string,
  now: Date,
): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/** Revokes every session of a user, optionally keeping one (the caller's own, after a password change). */
export async function revokeUserSessions(
  db: Queryable,
  userId: string,
  now: Date,
  keepTokenHash?: string,
): Promise<number> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keepTokenHash ? ne(sessions.tokenHash, keepTokenHash) : undefined,
      ),
    )
    .returning({ tokenHash: sessions.tokenHash });
  return revoked.length;
}
