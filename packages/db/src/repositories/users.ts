import { and, eq } from "drizzle-orm";
import type { Database } from "../client";
import { settings, users } from "../schema/index";
import { generateOneTimePassword, hashPassword } from "../security/passwords";
import { type KeyRing, openSecret, sealSecret } from "../security/secrets";

export interface OneTimeCredentials {
  username: string;
  password: string;
  createdNow: boolean;
}

const ONE_TIME_PASSWORD_KEY = "first_admin_one_time_password";
export const FIRST_ADMIN_USERNAME = "admin";

/** A database or an open transaction: repositories accept either so callers can compose them. */
export type Queryable = Pick<Database, "select" | "insert" | "update" | "delete">;

/**
 * Creates the first admin on an empty instance with a one-time password that must be changed at
 * first sign-in (seed 003: change the default credentials immediately). Until it is changed, the
 * password is kept sealed under the secret key so every start can print it again: a start that
 * failed half-way must not lock the owner out. Restarts never reset credentials.
 */
export async function ensureFirstAdmin(
  db: Database,
  ring: KeyRing,
): Promise<OneTimeCredentials | null> {
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, "admin"))
    .limit(1);
  if (admins.length === 0) {
    const password = generateOneTimePassword();
    const sealed = sealSecret(ring, password);
    const created = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(users)
        .values({
          username: "admin",
          passwordHash: await hashPassword(password),
          role: "admin",
          mustChangePassword: true,
        })
        .onConflictDoNothing({ target: users.username })
        .returning({ id: users.id });
      if (inserted.length === 0) return false;
      await tx.insert(settings).values({ key: ONE_TIME_PASSWORD_KEY, value: sealed.ciphertext });
      return true;
    });
    if (created) return { username: "admin", password, createdNow: true };
  }
  const pending = await db
    .select({ value: settings.value })
    .from(settings)
    .innerJoin(users, and(eq(users.username, "admin"), eq(users.mustChangePassword, true)))
    .where(eq(settings.key, ONE_TIME_PASSWORD_KEY))
    .limit(1);
  const stored = pending[0]?.value;
  if (typeof stored !== "string") return null;
  return { username: "admin", password: openSecret(ring, stored), createdNow: false };
}

/** Called when the first admin sets a real password: the one-time password is gone for good. */
export async function forgetOneTimePassword(db: Queryable): Promise<void> {
  await db.delete(settings).where(eq(settings.key, ONE_TIME_PASSWORD_KEY));
}
