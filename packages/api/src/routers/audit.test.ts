import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiTestEnv, createApiTestEnv } from "../testing/api-test-env";
import { callProcedure, listProcedures } from "../testing/procedures";

describe("audit log", () => {
  let env: ApiTestEnv;
  beforeAll(async () => {
    env = await createApiTestEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it("records mutations with the actor, pages newest first and filters", async () => {
    const admin = await env.callerAs("admin");
    for (let i = 0; i < 5; i += 1)
      await admin.allowList.add({ pattern: `h${i}.example.com`, note: `n${i}` });
    const first = await admin.audit.list({ limit: 3, action: "allow-list.add" });
    expect(first.entries.map((e) => e.details.pattern)).toEqual([
      "h4.example.com",
      "h3.example.com",
      "h2.example.com",
    ]);
    expect(first.entries[0]).toMatchObject({
      actorLabel: "test-admin",
      actorUserId: env.users.admin.id,
      entityType: "allowed-host",
    });
    const second = await admin.audit.list({
      limit: 3,
      action: "allow-list.add",
      before: first.nextCursor ?? 0,
    });
    expect(second.entries.map((e) => e.details.pattern)).toEqual([
      "h1.example.com",
      "h0.example.com",
    ]);
    expect(second.nextCursor).toBeNull();
    expect((await admin.audit.list({ entityType: "user" })).entries).toEqual([]);
  });

  it("redacts secret-looking keys in details and offers no way to change entries", async () => {
    const ctx = await env.context({ sessionToken: await env.sessionFor(env.users.admin) });
    await ctx.audit({
      action: "test.scrub",
      entityType: "test",
      details: { password: "hunter2", nested: { apiKey: "k" }, ok: 1 },
    });
    const admin = await env.callerAs("admin");
    const [entry] = (await admin.audit.list({ action: "test.scrub" })).entries;
    expect(entry?.details).toMatchObject({
      password: "[redacted]",
      nested: { apiKey: "[redacted]" },
      ok: 1,
    });
    const auditProcedures = listProcedures().filter((p) => p.path.startsWith("audit."));
    expect(auditProcedures.map((p) => [p.path, p.type])).toEqual([["audit.list", "query"]]);
    await expect(callProcedure(admin, "audit.delete", {})).rejects.toThrow();
  });
});
