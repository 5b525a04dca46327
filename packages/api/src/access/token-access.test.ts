import { connections, syncs } from "@duplex/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../context";
import { createTrpcFetchHandler } from "../http/trpc-handler";
import { appRouter } from "../routers/index";
import { type ApiTestEnv, createApiTestEnv, outcome } from "../testing/api-test-env";
import { createCallerFactory, router } from "../trpc";
import { assertTokenMayInvoke, tokenProcedure } from "./token-access";

// How the engine team will declare sync invocation: a tokenProcedure (scope checked before the resolver).
const testRouter = router({
  app: appRouter,
  syncs: router({
    invoke: tokenProcedure.mutation(({ ctx, input }) => ({
      syncId: input.syncId,
      by: ctx.invoker.kind,
    })),
  }),
});
const createTestCaller = createCallerFactory(testRouter);

describe("API tokens", () => {
  let env: ApiTestEnv;
  let syncA: string;
  let syncB: string;
  beforeAll(async () => {
    env = await createApiTestEnv();
    const [conn] = await env.handle.db
      .insert(connections)
      .values({ name: "c", type: "postgres", config: {} })
      .returning({ id: connections.id });
    const rows = await env.handle.db
      .insert(syncs)
      .values(
        ["a", "b"].map((name) => ({
          name,
          connectionAId: conn?.id ?? "",
          connectionBId: conn?.id ?? "",
          definition: {},
        })),
      )
      .returning({ id: syncs.id });
    syncA = rows[0]?.id ?? "";
    syncB = rows[1]?.id ?? "";
  });
  afterAll(async () => {
    await env?.close();
  });

  async function tokenCaller(token: string) {
    return createTestCaller(await env.context({ bearerToken: token }));
  }

  it("is shown once with the dpx_ prefix, listed without the secret, hashed at rest", async () => {
    const admin = await env.callerAs("admin");
    const created = await admin.apiTokens.create({ name: "ci", syncIds: [syncA] });
    expect(created.token).toMatch(/^dpx_[\w-]{40,}$/);
    const listed = await admin.apiTokens.list();
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(listed.find((t) => t.id === created.id)).toMatchObject({
      name: "ci",
      syncIds: [syncA],
      revokedAt: null,
    });
    const audit = await admin.audit.list({ action: "api-token.create" });
    expect(JSON.stringify(audit)).not.toContain(created.token);
    await expect(
      admin.apiTokens.create({ name: "bad", syncIds: ["00000000-0000-4000-8000-000000000001"] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("may invoke only the syncs in its scope, and nothing else", async () => {
    const token = await env.tokenFor(env.users.admin, [syncA]);
    const caller = await tokenCaller(token);
    expect(await caller.syncs.invoke({ syncId: syncA })).toEqual({ syncId: syncA, by: "token" });
    await expect(caller.syncs.invoke({ syncId: syncB })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This API token may not invoke that sync.",
    });
    await expect(caller.app.connections.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      caller.app.apiTokens.create({ name: "escalate", syncIds: [syncA] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lets operators (and admins) invoke but not builders or viewers", async () => {
    for (const [role, expected] of [
      ["operator", "OK"],
      ["admin", "OK"],
      ["builder", "FORBIDDEN"],
      ["viewer", "FORBIDDEN"],
    ] as const) {
      const ctx = await env.context({ sessionToken: await env.sessionFor(env.users[role]) });
      expect(await outcome(() => createTestCaller(ctx).syncs.invoke({ syncId: syncB })), role).toBe(
        expected,
      );
    }
    const anonymous = await env.context({});
    expect(await outcome(() => createTestCaller(anonymous).syncs.invoke({ syncId: syncB }))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("assertTokenMayInvoke checks scope for tokens and role for users", async () => {
    const token = await env.tokenFor(env.users.admin, [syncA]);
    const ctx = await createContext({ db: env.handle.db, keyRing: env.ring, bearerToken: token });
    expect(assertTokenMayInvoke(ctx, syncA).kind).toBe("token");
    expect(() => assertTokenMayInvoke(ctx, syncB)).toThrow(/may not invoke/);
    expect(() => assertTokenMayInvoke({ apiToken: null, session: null }, syncA)).toThrow(/Sign in/);
  });

  it("stops working when revoked or when its creator is disabled", async () => {
    const admin = await env.callerAs("admin");
    const created = await admin.apiTokens.create({ name: "revoke-me", syncIds: [syncA] });
    await admin.apiTokens.revoke({ id: created.id });
    expect(
      await outcome(async () => (await tokenCaller(created.token)).syncs.invoke({ syncId: syncA })),
    ).toBe("UNAUTHORIZED");

    const owner = await env.createUser({ username: "token-owner", role: "admin" });
    const token = await env.tokenFor(owner, [syncA]);
    expect(
      await outcome(async () => (await tokenCaller(token)).syncs.invoke({ syncId: syncA })),
    ).toBe("OK");
    await admin.users.setDisabled({ userId: owner.id, disabled: true });
    expect(
      await outcome(async () => (await tokenCaller(token)).syncs.invoke({ syncId: syncA })),
    ).toBe("UNAUTHORIZED");
  });

  it("works over HTTP with Authorization: Bearer and no CSRF cookie", async () => {
    const token = await env.tokenFor(env.users.admin, [syncA]);
    const handler = createTrpcFetchHandler({
      db: env.handle.db,
      keyRing: env.ring,
      endpoint: "/api/trpc",
      router: testRouter,
    });
    const response = await handler(
      new Request("http://duplex.test/api/trpc/syncs.invoke", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ syncId: syncA }),
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { data: { syncId: syncA, by: "token" } } });
  });
});
