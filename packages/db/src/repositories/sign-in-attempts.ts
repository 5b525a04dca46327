import { and, desc, eq, gt, lt } from "drizzle-orm";
import type { Database } from "../client";
import { signInAttempts } from "../schema/index";

/**
 * Brute-force limits for sign-in. Attempts are recorded twice: under the identifier typed (so one
 * account cannot be guessed at from many addresses) and under the client IP (so one address cannot
 * spray many accounts). The IP limit is higher because offices share an address.
 */
export interface SignInThrottlePolicy {
  windowMs: number;
  maxFailuresPerIdentifier: number;
  maxFailuresPerIp: number;
}

export const defaultSignInThrottlePolicy: SignInThrottlePolicy = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerIdentifier: 5,
  maxFailuresPerIp: 30,
};

function identifierKey(identifier: string): string {
  return `id:${identifier.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}

/** When the lock lifts: once fewer than `max` failures remain inside the window. */
function lockedUntil(failures: Date[], max: number, windowMs: number): number | null {
  if (failures.length < max) return null;
  const pivot = failures[max - 1];
  return pivot ? pivot.getTime() + windowMs : null;
}

async function recentFailures(
  db: Database,
  key: string,
  since: Date,
  max: number,
  resetBySuccess: boolean,
): Promise<Date[]> {
  const rows = await db
    .select({ at: signInAttempts.at, succeeded: signInAttempts.succeeded })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.identifier, key), gt(signInAttempts.at, since)))
    .orderBy(desc(signInAttempts.at))
    .limit(max + 50);
  const failures: Date[] = [];
  for (const row of rows) {
    // A successful sign-in proves the owner knows the password: older failures stop counting.
    if (row.succeeded && resetBySuccess) break;
    if (!row.succeeded) failures.push(row.at);
  }
  return failures;
}

/** Milliseconds until sign-in is allowed again for this identifier and IP, or null when it is. */
export async function signInLockout(
  db: Database,
  input: { identifier: string; ip: string | null },
  policy: SignInThrottlePolicy,
  now: Date,
): Promise<number | null> {
  const since = new Date(now.getTime() - policy.windowMs);
  const byIdentifier = lockedUntil(
    await recentFailures(
      db,
      identifierKey(input.identifier),
      since,
      policy.maxFailuresPerIdentifier,
      true,
    ),
    policy.maxFailuresPerIdentifier,
    policy.windowMs,
  );
  const byIp = input.ip
    ? lockedUntil(
        await recentFailures(db, ipKey(input.ip), since, policy.maxFailuresPerIp, false),
        policy.maxFailuresPerIp,
        policy.windowMs,
      )
    : null;
  const until = Math.max(byIdentifier ?? 0, byIp ?? 0);
  return until > now.getTime() ? until - now.getTime() : null;
}

export async function recordSignInAttempt(
  db: Database,
  input: { identifier: string; ip: string | null; succeeded: boolean },
  now: Date,
): Promise<void> {
  const keys = [identifierKey(input.identifier), ...(input.ip ? [ipKey(input.ip)] : [])];
  await db
    .insert(signInAttempts)
    .values(keys.map((identifier) => ({ identifier, succeeded: input.succeeded, at: now })));
}

/**
 * Deletes attempts older than `before`; they no longer count toward any lock. Called after
 * successful sign-ins (legitimate and rare), so the table stays small without a scheduled job.
 */
export async function pruneSignInAttempts(db: Database, before: Date): Promise<number> {
  const deleted = await db
    .delete(signInAttempts)
    .where(lt(signInAttempts.at, before))
    .returning({ id: signInAttempts.id });
  return deleted.length;
}
