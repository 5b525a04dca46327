import { connections } from "@duplex/db";
import { TRPCError } from "@trpc/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiTestEnv, createApiTestEnv } from "../testing/api-test-env";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error);
  }
}

// Through the real routers: role checks, error codes and messages the editor shows as they are.
describe("syncs and flows routers", () => {
  let env: ApiTestEnv;
  let connectionA = "";
  let connectionB = "";

  beforeAll(async () => {
    env = await createApiTestEnv();
    const client = new pg.Client({ connectionString: env.database.url });
    await client.connect();
    await client.query(`
      CREATE TABLE people (id serial PRIMARY KEY, name text, ref text, updated_at timestamptz DEFAULT now());
      CREATE TABLE contacts (id serial PRIMARY KEY, name text, ref text, updated_at timestamptz DEFAULT now());`);
    await client.end();
    const config = { connectionString: env.database.url };
    const rows = await env.handle.db
      .insert(connections)
      .values([
        { name: "a", type: "postgres", config },
        { name: "b", type: "postgres", config },
      ])
      .returning();
    connectionA = rows[0]?.id ?? "";
    connectionB = rows[1]?.id ?? "";
  });
  afterAll(async () => {
    await env?.close();
  });

  it("lets builders edit and publish, viewers only read; a stale tab gets CONFLICT", async () => {
    const builder = await env.callerAs("builder");
    const viewer = await env.callerAs("viewer");
    const { syncId } = await builder.syncs.create({
      name: "People",
      connectionAId: connectionA,
      connectionBId: connectionB,
      mode: { type: "sor", side: "a" },
      conflictPolicy: "sor-wins",
      objects: [
        {
          key: "person",
          objectA: "people",
          objectB: "contacts",
          externalIdFieldB: "ref",
          parents: [],
        },
      ],
    });
    const { flows } = await viewer.syncs.get({ syncId });
    const flow = flows[0];
    if (!flow) throw new Error("no flow");
    const move = { type: "moveNode" as const, nodeId: "map", position: { x: 1, y: 1 } };

    expect(
      await codeOf(
        viewer.flows.applyOperations({
          flowId: flow.id,
          revision: flow.revision,
          operations: [move],
        }),
      ),
    ).toMatch(/^FORBIDDEN/);
    const saved = await builder.flows.applyOperations({
      flowId: flow.id,
      revision: flow.revision,
      operations: [move],
    });
    expect(saved.revision).toBe(flow.revision + 1);
    expect(
      await codeOf(
        builder.flows.applyOperations({
          flowId: flow.id,
          revision: flow.revision,
          operations: [move],
        }),
      ),
    ).toBe("CONFLICT: This flow was changed in another tab or by someone else — reload");
    expect(
      await codeOf(builder.flows.get({ flowId: "00000000-0000-4000-8000-000000000000" })),
    ).toBe("NOT_FOUND: This flow does not exist");

    const sides = await viewer.flows.sides({ flowId: flow.id });
    expect(sides).toMatchObject({
      objectKey: "person",
      source: { name: "people" },
      target: { name: "contacts" },
      errors: [],
    });
    expect(await builder.flows.publish({ syncId })).toMatchObject({ published: true });
    const versions = await viewer.flows.versions({ flowId: flow.id });
    expect(versions).toMatchObject([
      { version: 1, author: env.users.builder.username, published: true },
    ]);
    const [listed] = await viewer.syncs.list();
    expect(listed).toMatchObject({ name: "People", connectionA: { name: "a" } });
    expect((await viewer.connectorTypes.list()).map((t) => t.type)).toContain("postgres");
  });
});
