import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { users } from "../schema/index";
import { generateOneTimePassword, hashPassword } from "../security/passwords";

export type FirstAdminResult = { created: true; username: string; password: string } | { created: false };

/**
 * Creates the first admin on an empty instance, with a one-time password that must be changed at
 * first sign-in (seed 003: change the default credentials immediately). Does nothing once any
 * admin exists, so restarts never reset credentials.
 */
export async function ensureFirstAdmin(db: Database): Promise<FirstAdminResult> {
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
  if (existing.length > 0) return { created: false };
  const password = generateOneTimePassword();
  const inserted = await db
    .insert(users)
    .values({ username: "admin", passwordHash: await hashPassword(password), role: "admin", mustChangePassword: true })
    .onConflictDoNothing({ target: users.username })
    .returning({ id: users.id });
  if (inserted.length === 0) return { created: false };
  return { created: true, username: "admin", password };
}
