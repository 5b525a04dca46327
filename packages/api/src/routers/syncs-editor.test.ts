import { createConnector } from "@duplex/connectors";
import { connections, createDatabase, type DatabaseHandle, migrateDatabase } from "@duplex/db";
import { createTestDatabase, type TestDatabase } from "@duplex/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EditorDeps } from "../editor/deps";
import { applyOperationsToDraft, getSyncEditor, saveDraft } from "../editor/flow-service";
import { listVersions, publishSync, versionAsDraft } from "../editor/publish-service";
import {
  createSyncWithFlows,
  deleteSync,
  duplicateSync,
  listSyncSummaries,
} from "../editor/sync-service";
import { runTestStep } from "../editor/test-step";

// Two real Postgres tables play side A (accounts) and side B (customers); nothing is mocked.
describe("sync editor procedures (real Postgres)", () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let deps: EditorDeps;
  let connectionA = "";
  let connectionB = "";

  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateDatabase(database.url);
    handle = createDatabase(database.url, { max: 3 });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`
      CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL, email text, revenue numeric,
        customer_ref text, updated_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE customers (id serial PRIMARY KEY, name text, email text, revenue numeric,
        account_ref text, updated_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO accounts (name, email, revenue) VALUES ('Acme', 'a@acme.test', 10), ('Globex', 'g@globex.test', 20);
      INSERT INTO customers (name, email, account_ref) VALUES ('Acme', 'a@acme.test', '1');`);
    await client.end();
    const config = { connectionString: database.url };
    const rows = await handle.db
      .insert(connections)
      .values([
        { name: "side a", type: "postgres", config },
        { name: "side b", type: "postgres", config },
      ])
      .returning();
    connectionA = rows[0]?.id ?? "";
    connectionB = rows[1]?.id ?? "";
    deps = {
      db: handle.db,
      openConnector: async (id) => {
        const row = rows.find((r) => r.id === id);
        if (!row) throw new Error(`no connection ${id}`);
        return createConnector(row.type, row.config);
      },
    };
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  const create = (name: string) =>
    createSyncWithFlows(
      deps,
      {
        name,
        connectionAId: connectionA,
        connectionBId: connectionB,
        mode: { type: "sor", side: "a" },
        conflictPolicy: "sor-wins",
        objects: [
          {
            key: "account",
            objectA: "accounts",
            objectB: "customers",
            externalIdFieldA: "customer_ref",
            externalIdFieldB: "account_ref",
          },
        ],
      },
      null,
    );

  it("creates both direction flows, auto-mapped from the live descriptors, and lists the sync", async () => {
    const { syncId } = await create("Accounts");
    const editor = await getSyncEditor(deps, syncId);
    expect(editor.flows.map((f) => f.direction)).toEqual(["a-to-b", "b-to-a"]);
    const map = editor.flows[0]?.draft.nodes.find((n) => n.type === "map");
    expect(map?.config.mappings).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: "name", target: "name" })]),
    );
    const [summary] = await listSyncSummaries(deps);
    expect(summary).toMatchObject({
      name: "Accounts",
      status: "draft",
      mode: "System of record: A",
      connectionA: { name: "side a", type: "postgres" },
      lastRun: null,
      errorCount: 0,
    });
    await expect(create("Accounts")).rejects.toThrow(/already exists/);
  });

  it("applies typed operations with the revision check; a stale tab is refused, nothing overwritten", async () => {
    const { syncId } = await create("Ops");
    const flow = (await getSyncEditor(deps, syncId)).flows[0];
    if (!flow) throw new Error("no flow");
    const addFilter = {
      type: "addNode" as const,
      node: { id: "filter", type: "filter" as const, position: { x: 0, y: 200 } },
    };
    const saved = await applyOperationsToDraft(
      deps,
      { flowId: flow.id, revision: flow.revision, operations: [addFilter] },
      null,
    );
    expect(saved.revision).toBe(flow.revision + 1);
    expect(saved.draft.nodes.find((n) => n.id === "filter")?.config).toEqual({ condition: "true" });
    await expect(
      saveDraft(deps, { flowId: flow.id, revision: flow.revision, draft: flow.draft }, null),
    ).rejects.toThrow(/changed in another tab/);
    await expect(
      applyOperationsToDraft(
        deps,
        {
          flowId: flow.id,
          revision: saved.revision,
          operations: [{ type: "addEdge", edge: { source: "map", target: "trigger" } }],
        },
        null,
      ),
    ).rejects.toThrow(/into a trigger/);
    const after = (await getSyncEditor(deps, syncId)).flows[0];
    expect(after?.draft.nodes.some((n) => n.id === "filter")).toBe(true);
  });

  it("refuses to publish with every problem listed, publishes when valid, restores versions", async () => {
    const { syncId } = await create("Publish");
    const [flow] = (await getSyncEditor(deps, syncId)).flows;
    if (!flow) throw new Error("no flow");
    const broken = await applyOperationsToDraft(
      deps,
      {
        flowId: flow.id,
        revision: flow.revision,
        operations: [
          {
            type: "updateNodeConfig",
            nodeId: "map",
            merge: true,
            config: { mappings: [{ target: "nope", source: "ghost" }] },
          },
          {
            type: "addNode",
            node: { id: "x", type: "filter", position: { x: 0, y: 0 }, config: { condition: "" } },
          },
        ],
      },
      null,
    );
    const refused = await publishSync(deps, { syncId }, null);
    expect(refused.published).toBe(false);
    const codes = refused.published ? [] : refused.problems.map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining(["unknown-target-field", "unknown-source-field", "schema"]),
    );

    await saveDraft(deps, { flowId: flow.id, revision: broken.revision, draft: flow.draft }, null);
    const published = await publishSync(deps, { syncId, note: "first" }, null);
    expect(published).toMatchObject({ published: true });
    const versions = await listVersions(deps, flow.id);
    expect(versions).toMatchObject([{ version: 1, note: "first", published: true }]);
    const restored = await versionAsDraft(deps, {
      flowId: flow.id,
      versionId: versions[0]?.id ?? "",
    });
    expect(restored.nodes.map((n) => n.id)).toEqual(flow.draft.nodes.map((n) => n.id));
  });

  it("test-steps the flow on live and pasted records without writing to the target", async () => {
    const { syncId } = await create("Test step");
    const [flow] = (await getSyncEditor(deps, syncId)).flows;
    if (!flow) throw new Error("no flow");
    const live = await runTestStep(deps, {
      flowId: flow.id,
      nodeId: "upsert",
      sample: { kind: "live", limit: 5 },
    });
    expect(live.map((s) => s.nodeId)).toEqual(["trigger", "map", "lookup", "compare", "upsert"]);
    expect(live.every((s) => s.status === "ok")).toBe(true);
    expect(live[0]?.items).toHaveLength(2);
    const lookup = live.find((s) => s.nodeId === "lookup");
    expect(lookup?.items.map((i) => i.target?.name ?? null)).toEqual(["Acme", null]);
    const upsert = live.find((s) => s.nodeId === "upsert");
    expect(upsert?.items.map((i) => i.note)).toEqual(
      expect.arrayContaining(["would create (not written)"]),
    );
    const pasted = await runTestStep(deps, {
      flowId: flow.id,
      nodeId: "map",
      sample: { kind: "json", json: JSON.stringify({ id: 9, name: "Pasted", revenue: "5" }) },
    });
    expect(pasted[1]?.items[0]?.values).toMatchObject({ name: "Pasted" });
    await expect(
      runTestStep(deps, { flowId: flow.id, nodeId: "map", sample: { kind: "json", json: "[1" } }),
    ).rejects.toThrow(/not valid JSON/);
    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    const { rows } = await check.query("SELECT count(*)::int AS n FROM customers");
    await check.end();
    expect(rows[0]?.n).toBe(1);
  });

  it("duplicates and deletes syncs", async () => {
    const { syncId } = await create("Dup me");
    const copy = await duplicateSync(deps, syncId, null);
    const copied = await getSyncEditor(deps, copy.syncId);
    expect(copied.sync.name).toBe("Dup me (copy)");
    expect(copied.flows).toHaveLength(2);
    await deleteSync(deps, copy.syncId);
    await expect(getSyncEditor(deps, copy.syncId)).rejects.toThrow(/does not exist/);
  });
});
