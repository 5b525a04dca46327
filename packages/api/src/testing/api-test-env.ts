import {
  createApiToken,
  createDatabase,
  createSession,
  type DatabaseHandle,
  generateSecretKey,
  hashPassword,
  type KeyRing,
  migrateDatabase,
  parseKeyRing,
  type Role,
  users,
} from "@duplex/db";
import { createTestDatabase, type TestDatabase } from "@duplex/testing";
import { type Context, createContext, type SessionCookieWriter } from "../context";
import { createCaller } from "../routers/index";

/**
 * A real database with one active user per role, for router tests. Callers are built the same way
 * the HTTP handler builds them (createContext from a session token or bearer token).
 */
export interface TestUser {
  id: string;
  username: string;
  password: string;
  role: Role;
}

export interface CookieLog extends SessionCookieWriter {
  set: { token: string; expiresAt: Date }[];
  cleared: number;
}

export function cookieLog(): CookieLog {
  const log: CookieLog = {
    set: [],
    cleared: 0,
    setSession(token, expiresAt) {
      log.set.push({ token, expiresAt });
    },
    clearSession() {
      log.cleared += 1;
    },
  };
  return log;
}

export interface ApiTestEnv {
  database: TestDatabase;
  handle: DatabaseHandle;
  ring: KeyRing;
  users: Record<Role, TestUser>;
  clock: { now: Date };
  /** Context options shared by every caller: the test's clock and database. */
  context(extra: {
    sessionToken?: string | null;
    bearerToken?: string | null;
    ip?: string | null;
    cookies?: SessionCookieWriter;
  }): Promise<Context>;
  /** A caller signed in as `who` through a fresh session, or anonymous. */
  callerAs(
    who: Role | "anonymous" | TestUser,
    options?: { ip?: string; cookies?: SessionCookieWriter },
  ): Promise<ReturnType<typeof createCaller>>;
  callerWithToken(token: string): Promise<ReturnType<typeof createCaller>>;
  createUser(input: {
    username: string;
    role: Role;
    mustChangePassword?: boolean;
    password?: string;
  }): Promise<TestUser>;
  sessionFor(user: TestUser): Promise<string>;
  tokenFor(user: TestUser, syncIds: string[]): Promise<string>;
  close(): Promise<void>;
}

/** `roleUsers: false` leaves the database without users (for first-admin tests); `users` is then unusable. */
export async function createApiTestEnv(options: { roleUsers?: boolean } = {}): Promise<ApiTestEnv> {
  const database = await createTestDatabase();
  await migrateDatabase(database.url);
  const handle = createDatabase(database.url, { max: 4 });
  const ring = parseKeyRing(generateSecretKey());
  const clock = { now: new Date() };

  async function createUser(input: {
    username: string;
    role: Role;
    mustChangePassword?: boolean;
    password?: string;
  }): Promise<TestUser> {
    const password = input.password ?? `pw-${input.username}-correct-horse`;
    const [row] = await handle.db
      .insert(users)
      .values({
        username: input.username,
        email: `${input.username}@example.test`,
        passwordHash: await hashPassword(password),
        role: input.role,
        mustChangePassword: input.mustChangePassword ?? false,
      })
      .returning({ id: users.id });
    if (!row) throw new Error("insert returned no user");
    return { id: row.id, username: input.username, password, role: input.role };
  }

  const missing: TestUser = {
    id: "00000000-0000-4000-8000-000000000000",
    username: "none",
    password: "",
    role: "viewer",
  };
  const roleUsers: Record<Role, TestUser> =
    options.roleUsers === false
      ? { admin: missing, builder: missing, operator: missing, viewer: missing }
      : {
          admin: await createUser({ username: "test-admin", role: "admin" }),
          builder: await createUser({ username: "test-builder", role: "builder" }),
          operator: await createUser({ username: "test-operator", role: "operator" }),
          viewer: await createUser({ username: "test-viewer", role: "viewer" }),
        };

  const env: ApiTestEnv = {
    database,
    handle,
    ring,
    users: roleUsers,
    clock,
    context: (extra) =>
      createContext({
        db: handle.db,
        keyRing: ring,
        now: () => clock.now,
        userAgent: "vitest",
        ...extra,
      }),
    async sessionFor(user) {
      const session = await createSession(handle.db, {
        userId: user.id,
        userAgent: "vitest",
        policy: { idleMs: 12 * 3_600_000, absoluteMs: 7 * 86_400_000 },
        now: clock.now,
      });
      return session.token;
    },
    async callerAs(who, options = {}) {
      const user = who === "anonymous" ? null : typeof who === "string" ? roleUsers[who] : who;
      const sessionToken = user ? await env.sessionFor(user) : null;
      return createCaller(
        await env.context({
          sessionToken,
          ip: options.ip ?? "203.0.113.7",
          ...(options.cookies ? { cookies: options.cookies } : {}),
        }),
      );
    },
    async callerWithToken(token) {
      return createCaller(await env.context({ bearerToken: token, ip: "203.0.113.8" }));
    },
    createUser,
    async tokenFor(user, syncIds) {
      return (
        await createApiToken(handle.db, {
          name: `token-${syncIds.length}`,
          syncIds,
          createdBy: user.id,
        })
      ).token;
    },
    async close() {
      await handle.close();
      await database.drop();
    },
  };
  return env;
}

/** The tRPC error code of a rejected call, or "OK" when it resolved. */
export async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "OK";
  } catch (error) {
    if (
      error !== null &&
      typeof error === "object" &&
      "code" in error &&
      typeof error.code === "string"
    ) {
      return error.code;
    }
    throw error;
  }
}
