import { flowDefinitionSchema, validateFlow } from "@duplex/core";
import { auditLog, connections, templates } from "@duplex/db";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinTemplates } from "../templates/builtin";
import { ensureBuiltinTemplates } from "../templates/template-service";
import { type ApiTestEnv, createApiTestEnv } from "../testing/api-test-env";

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error);
  }
}

// Through the real routers and a real database, as the gallery page calls them.
describe("templates router", () => {
  let env: ApiTestEnv;
  const ids = { pgA: "", pgB: "", sf: "" };

  beforeAll(async () => {
    env = await createApiTestEnv();
    const config = { connectionString: env.database.url };
    const rows = await env.handle.db
      .insert(connections)
      .values([
        { name: "pg-a", type: "postgres", config },
        { name: "pg-b", type: "postgres", config },
        { name: "sf", type: "salesforce", config: { instanceUrl: "https://sf.example.test" } },
      ])
      .returning();
    ids.pgA = rows[0]?.id ?? "";
    ids.pgB = rows[1]?.id ?? "";
    ids.sf = rows[2]?.id ?? "";
  });
  afterAll(async () => {
    await env?.close();
  });

  it("lists the built-in templates; seeding them again changes nothing", async () => {
    const viewer = await env.callerAs("viewer");
    const first = await viewer.templates.list();
    expect(first.map((t) => t.slug).sort()).toEqual(builtinTemplates.map((t) => t.slug).sort());
    const salesforce = first.find((t) => t.slug === "pg-salesforce-accounts-sor");
    expect(salesforce).toMatchObject({
      category: "CRM",
      builtin: true,
      systems: { a: "postgres", b: "salesforce" },
      mode: "System of record: B",
      objects: ["accounts ⇄ Account"],
    });
    await ensureBuiltinTemplates(env.handle.db);
    expect(await viewer.templates.list()).toEqual(first);
    expect(await env.handle.db.select().from(templates)).toHaveLength(builtinTemplates.length);
  });

  it("instantiates a sync with two flows carrying the template's mappings, audited", async () => {
    const builder = await env.callerAs("builder");
    const { syncId } = await builder.templates.instantiate({
      slug: "pg-pg-customers-sor",
      name: "Customers from template",
      connectionAId: ids.pgA,
      connectionBId: ids.pgB,
    });
    const { sync, flows } = await builder.syncs.get({ syncId });
    expect(sync).toMatchObject({
      name: "Customers from template",
      connectionAId: ids.pgA,
      connectionBId: ids.pgB,
      definition: { mode: { type: "sor", side: "a" }, conflictPolicy: "sor-wins" },
    });
    expect(flows.map((f) => f.direction).sort()).toEqual(["a-to-b", "b-to-a"]);
    const template = builtinTemplates.find((t) => t.slug === "pg-pg-customers-sor");
    for (const flow of flows) {
      expect(flowDefinitionSchema.safeParse(flow.draft).success).toBe(true);
      expect(validateFlow(flow.draft, { sync: sync.definition, twoWay: true })).toEqual([]);
      const map = flow.draft.nodes.find((n) => n.type === "map");
      expect(map?.config).toMatchObject({
        mappings: template?.definition.mappings[flow.direction],
      });
    }
    const audit = await env.handle.db.select().from(auditLog).where(eq(auditLog.entityId, syncId));
    expect(audit).toMatchObject([
      {
        action: "sync.create",
        actorLabel: "test-builder",
        details: { template: "pg-pg-customers-sor" },
      },
    ]);
  });

  it("creates the Salesforce template's sync without reaching Salesforce", async () => {
    const builder = await env.callerAs("builder");
    const { syncId, flowIds } = await builder.templates.instantiate({
      slug: "pg-salesforce-accounts-sor",
      name: "Accounts from template",
      connectionAId: ids.pgA,
      connectionBId: ids.sf,
    });
    expect(flowIds).toHaveLength(2);
    const { sync, flows } = await builder.syncs.get({ syncId });
    for (const flow of flows)
      expect(validateFlow(flow.draft, { sync: sync.definition, twoWay: true })).toEqual([]);
  });

  it("refuses connections of the wrong type, unknown templates and taken names clearly", async () => {
    const builder = await env.callerAs("builder");
    const base = { name: "Wrong", connectionAId: ids.pgA };
    expect(
      await errorOf(
        builder.templates.instantiate({
          ...base,
          slug: "pg-salesforce-accounts-sor",
          connectionBId: ids.pgB,
        }),
      ),
    ).toBe(
      "BAD_REQUEST: This template needs a salesforce connection on side B; 'pg-b' is postgres",
    );
    expect(
      await errorOf(
        builder.templates.instantiate({ ...base, slug: "no-such", connectionBId: ids.pgB }),
      ),
    ).toBe("NOT_FOUND: There is no template 'no-such'");
    expect(
      await errorOf(
        builder.templates.instantiate({
          slug: "pg-pg-products-external-id",
          name: "Customers from template",
          connectionAId: ids.pgA,
          connectionBId: ids.pgB,
        }),
      ),
    ).toBe("CONFLICT: A sync named 'Customers from template' already exists");
    expect(
      await errorOf(
        (await env.callerAs("viewer")).templates.instantiate({
          slug: "pg-pg-customers-sor",
          name: "Viewer's",
          connectionAId: ids.pgA,
          connectionBId: ids.pgB,
        }),
      ),
    ).toMatch(/^FORBIDDEN/);
  });
});
