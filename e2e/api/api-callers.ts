import { type Context, createCaller, createContext } from "@duplex/api";
import {
  createApiToken,
  createSession,
  type Database,
  generateSecretKey,
  hashPassword,
  parseKeyRing,
  type Role,
  users,
} from "@duplex/db";
import type { Client } from "@temporalio/client";

export type Caller = ReturnType<typeof createCaller>;

export interface ApiCallers {
  as(role: Role): Promise<Caller>;
  withToken(syncIds: string[]): Promise<Caller>;
  context(extra: { sessionToken?: string; bearerToken?: string }): Promise<Context>;
  userIds: Record<Role, string>;
}

/**
 * tRPC callers over a real database and a real Temporal client, built the way the HTTP handler
 * builds them (createContext from a session or bearer token), one user per role.
 */
export async function createApiCallers(deps: {
  db: Database;
  client: Client;
  taskQueue: string;
}): Promise<ApiCallers> {
  const keyRing = parseKeyRing(generateSecretKey());
  async function createUser(role: Role): Promise<string> {
    const [row] = await deps.db
      .insert(users)
      .values({
        username: `e2e-${role}`,
        email: `${role}@example.test`,
        passwordHash: await hashPassword(`pw-${role}-correct-horse`),
        role,
      })
      .returning({ id: users.id });
    if (!row) throw new Error("no user row");
    return row.id;
  }
  const userIds: Record<Role, string> = {
    admin: await createUser("admin"),
    builder: await createUser("builder"),
    operator: await createUser("operator"),
    viewer: await createUser("viewer"),
  };
  const context = (extra: { sessionToken?: string; bearerToken?: string }) =>
    createContext({
      db: deps.db,
      keyRing,
      temporal: async () => deps.client,
      taskQueue: deps.taskQueue,
      ...extra,
    });
  return {
    userIds,
    context,
    async as(role) {
      const session = await createSession(deps.db, {
        userId: userIds[role],
        userAgent: "e2e",
        policy: { idleMs: 3_600_000, absoluteMs: 86_400_000 },
        now: new Date(),
      });
      return createCaller(await context({ sessionToken: session.token }));
    },
    async withToken(syncIds) {
      const { token } = await createApiToken(deps.db, {
        name: `e2e-token-${syncIds.length}`,
        syncIds,
        createdBy: userIds.admin,
      });
      return createCaller(await context({ bearerToken: token }));
    },
  };
}

/** Polls `check` until it returns true or the timeout passes. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}
