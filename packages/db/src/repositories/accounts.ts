import { and, asc, eq, isNull, ne, or } from "drizzle-orm";
import type { Database } from "../client";
import { users } from "../schema/index";
import { hashPassword } from "../security/passwords";
import type { Role, SessionUser } from "./sessions";
import { revokeUserSessions } from "./sessions";
import { FIRST_ADMIN_USERNAME, forgetOneTimePassword } from "./users";

/**
 * User accounts as the admin screens and sign-in see them. Usernames and emails are stored
 * lower-case (the API normalises them), so "Admin" and "admin" can never be two accounts.
 */
export interface AccountRow extends SessionUser {
  createdAt: Date;
  disabledAt: Date | null;
}

const accountColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  role: users.role,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
  disabledAt: users.disabledAt,
};

export async function listAccounts(db: Database): Promise<AccountRow[]> {
  return db.select(accountColumns).from(users).orderBy(asc(users.username));
}

export async function findAccount(db: Database, id: string): Promise<AccountRow | null> {
  const rows = await db.select(accountColumns).from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

/** The user a sign-in identifier (username or email) names, with the hash to verify against. */
export async function findAccountForSignIn(
  db: Database,
  identifier: string,
): Promise<(AccountRow & { passwordHash: string }) | null> {
  const normalized = identifier.trim().toLowerCase();
  const rows = await db
    .select({ ...accountColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(or(eq(users.username, normalized), eq(users.email, normalized)))
    .limit(1);
  return rows[0] ?? null;
}

export type CreateAccountResult = { ok: true; account: AccountRow } | { ok: false; taken: string };

export async function createAccount(
  db: Database,
  input: { username: string; email: string | null; password: string; role: Role },
): Promise<CreateAccountResult> {
  const clash = await db
    .select({ username: users.username, email: users.email })
    .from(users)
    .where(
      or(
        eq(users.username, input.username),
        input.email ? eq(users.email, input.email) : undefined,
        // An email equal to someone's username (or the reverse) would make sign-in ambiguous.
        input.email ? eq(users.username, input.email) : undefined,
        eq(users.email, input.username),
      ),
    )
    .limit(1);
  if (clash[0]) return { ok: false, taken: "username or email" };
  const inserted = await db
    .insert(users)
    .values({
      username: input.username,
      email: input.email,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      // An admin chose this password, so only the user should know the next one.
      mustChangePassword: true,
    })
    .onConflictDoNothing()
    .returning(accountColumns);
  const account = inserted[0];
  return account ? { ok: true, account } : { ok: false, taken: "username or email" };
}

/** Active admins other than `exceptId`: demoting or disabling the last one would lock everyone out. */
export async function countOtherActiveAdmins(db: Database, exceptId: string): Promise<number> {
  return db.$count(
    users,
    and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, exceptId)),
  );
}

export async function setAccountRole(db: Database, id: string, role: Role): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ role })
    .where(eq(users.id, id))
    .returning({ id: users.id });
  return updated.length > 0;
}

/** Disabling revokes every session in the same transaction, so the user is out immediately. */
export async function setAccountDisabled(
  db: Database,
  id: string,
  disabled: boolean,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ disabledAt: disabled ? now : null })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (updated.length === 0) return false;
    if (disabled) await revokeUserSessions(tx, id, now);
    return true;
  });
}

/**
 * Sets a new password. `mustChange` is true for admin resets (the user picks the next one) and
 * false when the user changes their own. Other sessions are revoked either way; the caller's
 * own session (`keepTokenHash`) survives a self-service change.
 */
export async function setAccountPassword(
  db: Database,
  input: { id: string; password: string; mustChange: boolean; now: Date; keepTokenHash?: string },
): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: input.mustChange })
      .where(eq(users.id, input.id))
      .returning({ username: users.username });
    if (updated.length === 0) return false;
    await revokeUserSessions(tx, input.id, input.now, input.keepTokenHash);
    // The sealed one-time password belongs to the generated first admin; once that account's
    // password changes (by the user or an admin reset) it is stale and must never be printed again.
    if (updated[0]?.username === FIRST_ADMIN_USERNAME) await forgetOneTimePassword(tx);
    return true;
  });
}

export async function currentPasswordHash(db: Database, id: string): Promise<string | null> {
  const rows = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return rows[0]?.passwordHash ?? null;
}
