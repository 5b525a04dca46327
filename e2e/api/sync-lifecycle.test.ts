import type { FlowDefinition } from "@duplex/core";
import { createSync, getSync } from "@duplex/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customersToContacts, mapCustomerFields } from "../sync/fixtures";
import { createSyncHarness, type SyncHarness } from "../sync/harness";
import { type ApiCallers, type Caller, createApiCallers, eventually } from "./api-callers";

// Sync lifecycle through the tRPC procedures against real Postgres databases and a real Temporal
// server: activate starts one loop per flow, pause stops them and keeps the watermarks, resume
// continues from them, run-now returns run summaries, and API tokens stay inside their scope.

function pollingFlow(flow: FlowDefinition): FlowDefinition {
  const trigger = flow.nodes.findIndex((n) => n.id === "trigger");
  flow.nodes[trigger] = {
    id: "trigger",
    type: "trigger.poll",
    position: { x: 0, y: 0 },
    config: { object: "customer", intervalSeconds: 5, overlapSeconds: 0, batchSize: 500 },
  };
  return mapCustomerFields(flow);
}

async function contactNamed(h: SyncHarness, name: string): Promise<boolean> {
  const rows = await h.b.query("SELECT 1 FROM contacts WHERE full_name = $1", [name]);
  return rows.rows.length === 1;
}

describe("sync lifecycle procedures", () => {
  let h: SyncHarness;
  let api: ApiCallers;
  let operator: Caller;
  beforeAll(async () => {
    h = await createSyncHarness(customersToContacts("lifecycle", pollingFlow));
    api = await createApiCallers({ db: h.duplex.db, client: h.client, taskQueue: h.taskQueue });
    operator = await api.as("operator");
  }, 180_000);
  afterAll(async () => {
    // Loops outlive the test otherwise; they would poll a dropped database.
    if (operator) await operator.syncOps.pause({ syncId: h.syncId }).catch(() => {});
    await h?.close();
  });

  it("activate starts a loop per flow, pause stops them keeping the watermark, resume continues", async () => {
    const loops = await operator.syncOps.activate({ syncId: h.syncId });
    expect(loops.map((l) => [l.direction, l.status])).toEqual([
      ["a-to-b", "RUNNING"],
      ["b-to-a", "RUNNING"],
    ]);
    // Idempotent: a second activation finds the loops running.
    expect((await operator.syncOps.activate({ syncId: h.syncId })).map((l) => l.status)).toEqual([
      "RUNNING",
      "RUNNING",
    ]);
    expect((await getSync(h.duplex.db, h.syncId))?.status).toBe("active");

    await h.a.query(
      "INSERT INTO customers (name, email) VALUES ('Before Pause', 'bp@example.com')",
    );
    await eventually(() => contactNamed(h, "Before Pause"), 60_000, "the first record to land");

    // The watermark moves once the run has finished, a moment after the record landed.
    await eventually(
      async () =>
        (await operator.syncOps.watermarks({ syncId: h.syncId })).some(
          (w) => w.direction === "a-to-b" && w.cursor !== null,
        ),
      30_000,
      "the a-to-b watermark",
    );
    const paused = await operator.syncOps.pause({ syncId: h.syncId });
    expect(paused.every((l) => l.status !== "RUNNING")).toBe(true);
    expect((await getSync(h.duplex.db, h.syncId))?.status).toBe("paused");
    const kept = await operator.syncOps.watermarks({ syncId: h.syncId });
    expect(kept.find((w) => w.direction === "a-to-b")?.cursor).toEqual(expect.any(String));

    await h.a.query(
      "INSERT INTO customers (name, email) VALUES ('While Paused', 'wp@example.com')",
    );
    await new Promise((r) => setTimeout(r, 7_000));
    expect(await contactNamed(h, "While Paused")).toBe(false);
    expect(await operator.syncOps.watermarks({ syncId: h.syncId })).toEqual(kept);

    const resumed = await operator.syncOps.resume({ syncId: h.syncId });
    expect(resumed.map((l) => l.status)).toEqual(["RUNNING", "RUNNING"]);
    await eventually(() => contactNamed(h, "While Paused"), 60_000, "the paused record to land");
    await operator.syncOps.pause({ syncId: h.syncId });
  }, 180_000);

  it("runNow with wait returns the run summaries of each direction", async () => {
    await h.a.query("INSERT INTO customers (name, email) VALUES ('Run Now', 'rn@example.com')");
    const result = await operator.syncOps.runNow({ syncId: h.syncId, wait: true });
    expect(result.map((r) => r.direction)).toEqual(["a-to-b", "b-to-a"]);
    const aToB = result.find((r) => r.direction === "a-to-b")?.runs ?? [];
    expect(aToB).toHaveLength(1);
    expect(aToB[0]).toMatchObject({ status: "succeeded", counts: { created: 1 } });
    expect(await contactNamed(h, "Run Now")).toBe(true);
  }, 120_000);

  it("an API token runs the syncs in its scope and nothing else", async () => {
    const row = await getSync(h.duplex.db, h.syncId);
    if (!row) throw new Error("no sync");
    const other = await createSync(h.duplex.db, {
      name: "other sync",
      connectionAId: row.connectionAId,
      connectionBId: row.connectionBId,
      definition: { ...row.definition, name: "other sync" },
      flows: [],
    });
    const token = await api.withToken([h.syncId]);
    const ran = await token.syncOps.runNow({ syncId: h.syncId, direction: "a-to-b", wait: true });
    expect(ran).toHaveLength(1);
    await expect(token.syncOps.runNow({ syncId: other.sync.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(token.syncOps.pause({ syncId: h.syncId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(token.syncs.delete({ syncId: h.syncId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(token.runs.list({ syncId: h.syncId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // Viewers read but do not run.
    const viewer = await api.as("viewer");
    await expect(viewer.syncOps.runNow({ syncId: h.syncId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  }, 120_000);
});
