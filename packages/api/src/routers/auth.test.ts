import { ensureFirstAdmin, findAccountForSignIn, signInAttempts, verifyPassword } from "@duplex/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiTestEnv, cookieLog, createApiTestEnv, outcome } from "../testing/api-test-env";
import { createCaller } from "./index";

const MINUTE = 60_000;

describe("accounts: sign-in, throttling, sessions, forced password change", () => {
  let env: ApiTestEnv;
  beforeAll(async () => {
    env = await createApiTestEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  async function signInCaller(ip = "198.51.100.1") {
    const cookies = cookieLog();
    return { cookies, caller: createCaller(await env.context({ ip, cookies })) };
  }

  it("signs in by username or email, case-insensitively, and sets a session cookie", async () => {
    const user = await env.createUser({ username: "ann", role: "builder" });
    for (const identifier of ["ann", "ANN@example.test", " Ann "]) {
      const { caller, cookies } = await signInCaller();
      const result = await caller.auth.signIn({ identifier, password: user.password });
      expect(result.user).toMatchObject({ username: "ann", role: "builder" });
      expect(cookies.set).toHaveLength(1);
      const me = createCaller(await env.context({ sessionToken: cookies.set[0]?.token ?? null }));
      expect((await me.auth.me()).user.username).toBe("ann");
    }
  });

  it("gives the same answer for a wrong password, an unknown user and a disabled user", async () => {
    const user = await env.createUser({ username: "dora", role: "viewer" });
    const admin = await env.callerAs("admin");
    await admin.users.setDisabled({ userId: user.id, disabled: true });
    const attempts = [
      { identifier: "dora", password: user.password },
      { identifier: "nobody-here", password: "whatever" },
      { identifier: "test-viewer", password: "wrong" },
    ];
    for (const attempt of attempts) {
      const { caller } = await signInCaller(`198.51.100.${attempts.indexOf(attempt) + 10}`);
      await expect(caller.auth.signIn(attempt)).rejects.toMatchObject({
        code: "UNAUTHORIZED",
        message: "Wrong username/email or password.",
      });
    }
  });

  it("locks an identifier after 5 failures in 15 minutes, even for the right password, then lets it in", async () => {
    const user = await env.createUser({ username: "bruno", role: "viewer" });
    const started = env.clock.now;
    for (let i = 0; i < 5; i += 1) {
      const { caller } = await signInCaller(`192.0.2.${i + 1}`);
      expect(
        await outcome(() => caller.auth.signIn({ identifier: "bruno", password: `guess-${i}` })),
      ).toBe("UNAUTHORIZED");
    }
    const { caller } = await signInCaller("192.0.2.99");
    await expect(
      caller.auth.signIn({ identifier: "bruno", password: user.password }),
    ).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: "Too many failed sign-in attempts. Try again in 15 minutes.",
    });
    env.clock.now = new Date(started.getTime() + 10 * MINUTE);
    await expect(
      (await signInCaller("192.0.2.99")).caller.auth.signIn({
        identifier: "bruno",
        password: user.password,
      }),
    ).rejects.toThrow(/Try again in 5 minutes/);
    env.clock.now = new Date(started.getTime() + 16 * MINUTE);
    const ok = await (await signInCaller("192.0.2.99")).caller.auth.signIn({
      identifier: "BRUNO",
      password: user.password,
    });
    expect(ok.user.username).toBe("bruno");
    // A success a day later prunes attempts older than a day, including the five failures above.
    env.clock.now = new Date(started.getTime() + 25 * 60 * MINUTE);
    await (await signInCaller("192.0.2.99")).caller.auth.signIn({
      identifier: "bruno",
      password: user.password,
    });
    const left = await env.handle.db
      .select()
      .from(signInAttempts)
      .where(eq(signInAttempts.identifier, "id:bruno"));
    expect(left.map((row) => row.succeeded)).toEqual([true]);
    env.clock.now = new Date();
  });

  it("locks an IP that sprays many accounts", async () => {
    const ip = "203.0.113.200";
    for (let i = 0; i < 30; i += 1) {
      await outcome(async () =>
        (await signInCaller(ip)).caller.auth.signIn({ identifier: `spray-${i}`, password: "x" }),
      );
    }
    const victim = env.users.operator;
    await expect(
      (await signInCaller(ip)).caller.auth.signIn({
        identifier: victim.username,
        password: victim.password,
      }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const elsewhere = await (await signInCaller("203.0.113.201")).caller.auth.signIn({
      identifier: victim.username,
      password: victim.password,
    });
    expect(elsewhere.user.username).toBe(victim.username);
  });

  it("expires sessions after the idle timeout and at the absolute limit", async () => {
    const start = new Date();
    env.clock.now = start;
    const token = await env.sessionFor(env.users.viewer);
    const me = async (at: number) => {
      env.clock.now = new Date(start.getTime() + at);
      return outcome(async () =>
        createCaller(await env.context({ sessionToken: token })).auth.me(),
      );
    };
    expect(await me(11 * 60 * MINUTE)).toBe("OK"); // used within 12 h: refreshes last_seen_at
    expect(await me(22 * 60 * MINUTE)).toBe("OK");
    expect(await me(35 * 60 * MINUTE)).toBe("UNAUTHORIZED"); // 13 h idle
    env.clock.now = start;
    const kept = await env.sessionFor(env.users.viewer);
    const active = async (at: number) => {
      env.clock.now = new Date(start.getTime() + at);
      return outcome(async () => createCaller(await env.context({ sessionToken: kept })).auth.me());
    };
    let last = "OK";
    for (let hours = 10; hours <= 7 * 24 + 10; hours += 10)
      last = await active(hours * 60 * MINUTE);
    expect(last).toBe("UNAUTHORIZED"); // active all along, but past 7 days
    env.clock.now = new Date();
  });

  it("revokes sessions on sign-out, by an admin, and when the user is disabled", async () => {
    const user = await env.createUser({ username: "carl", role: "operator" });
    const alive = async (token: string) =>
      outcome(async () => createCaller(await env.context({ sessionToken: token })).auth.me());
    const cookies = cookieLog();
    const own = await env.sessionFor(user);
    await createCaller(await env.context({ sessionToken: own, cookies })).auth.signOut();
    expect(cookies.cleared).toBe(1);
    expect(await alive(own)).toBe("UNAUTHORIZED");

    const [a, b] = [await env.sessionFor(user), await env.sessionFor(user)];
    const admin = await env.callerAs("admin");
    expect(await admin.users.revokeSessions({ userId: user.id })).toEqual({ revoked: 2 });
    expect([await alive(a), await alive(b)]).toEqual(["UNAUTHORIZED", "UNAUTHORIZED"]);

    const c = await env.sessionFor(user);
    await admin.users.setDisabled({ userId: user.id, disabled: true });
    expect(await alive(c)).toBe("UNAUTHORIZED");
    await admin.users.setDisabled({ userId: user.id, disabled: false });
    expect(await alive(c)).toBe("UNAUTHORIZED"); // re-enabling does not resurrect sessions
  });

  it("forces the first admin to change the one-time password before anything else", async () => {
    const fresh = await createApiTestEnv({ roleUsers: false });
    try {
      await forcedChange(fresh);
    } finally {
      await fresh.close();
    }
  });

  async function forcedChange(env: ApiTestEnv) {
    const first = await ensureFirstAdmin(env.handle.db, env.ring);
    if (!first) throw new Error("expected a first admin");
    const signInCaller = async (ip: string) => {
      const cookies = cookieLog();
      return { cookies, caller: createCaller(await env.context({ ip, cookies })) };
    };
    const { caller, cookies } = await signInCaller("198.51.100.50");
    const signedIn = await caller.auth.signIn({ identifier: "admin", password: first.password });
    expect(signedIn.mustChangePassword).toBe(true);
    const other = await env.sessionFor({
      id: signedIn.user.id,
      username: "admin",
      password: first.password,
      role: "admin",
    });
    const session = createCaller(
      await env.context({ sessionToken: cookies.set[0]?.token ?? null }),
    );
    await expect(session.users.list()).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You must change your one-time password before doing anything else.",
    });
    expect((await session.auth.me()).mustChangePassword).toBe(true);
    await expect(
      session.auth.changePassword({
        currentPassword: "wrong",
        newPassword: "a-much-better-passphrase",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      session.auth.changePassword({ currentPassword: first.password, newPassword: "short" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await session.auth.changePassword({
      currentPassword: first.password,
      newPassword: "a-much-better-passphrase",
    });

    const fresh = createCaller(await env.context({ sessionToken: cookies.set[0]?.token ?? null }));
    expect((await fresh.users.list()).length).toBeGreaterThan(0);
    expect(
      await outcome(async () => createCaller(await env.context({ sessionToken: other })).auth.me()),
    ).toBe("UNAUTHORIZED");
    expect(await ensureFirstAdmin(env.handle.db, env.ring)).toBeNull(); // one-time password forgotten
    const stored = await findAccountForSignIn(env.handle.db, "admin");
    expect(await verifyPassword(stored?.passwordHash ?? "", "a-much-better-passphrase")).toBe(true);
  }

  it("lets an admin create users (who must change the password) and reset passwords, but never drop the last admin", async () => {
    const admin = await env.callerAs("admin");
    const created = await admin.users.create({
      username: "Erin.Ops",
      email: "Erin@Example.test",
      role: "operator",
    });
    expect(created.user).toMatchObject({
      username: "erin.ops",
      email: "erin@example.test",
      mustChangePassword: true,
    });
    expect(created.oneTimePassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    await expect(
      admin.users.create({ username: "erin.ops", role: "viewer" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const reset = await admin.users.resetPassword({ userId: created.user.id });
    const { caller } = await signInCaller("198.51.100.77");
    expect(
      (await caller.auth.signIn({ identifier: "erin.ops", password: reset.oneTimePassword }))
        .mustChangePassword,
    ).toBe(true);
    await expect(
      admin.users.setDisabled({ userId: env.users.admin.id, disabled: true }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
