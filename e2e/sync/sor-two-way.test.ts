import type { FlowDefinition } from "@duplex/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customersToContacts, mapCustomerFields } from "./fixtures";
import { createSyncHarness, type SyncHarness } from "./harness";

// Test 1 of the engine issue: a two-way Postgres ⇄ Postgres sync in SOR mode (A is the SOR), with
// trigger-based change capture on both sides, real Temporal, real databases.

function withMappings(flow: FlowDefinition): FlowDefinition {
  const trigger = flow.nodes.findIndex((n) => n.id === "trigger");
  flow.nodes[trigger] = {
    id: "trigger",
    type: "trigger.change-stream",
    position: { x: 0, y: 0 },
    config: {
      object: "customer",
      maxBatchSize: 500,
      maxDelayMs: 200,
      fallbackPollIntervalSeconds: 30,
    },
  };
  return mapCustomerFields(flow, [{ type: "case", to: "lower" }]);
}

async function changeCount(pool: SyncHarness["a"]): Promise<number> {
  const result = await pool.query("SELECT count(*)::int AS n FROM duplex_cdc.changes");
  return result.rows[0].n;
}

describe("two-way Postgres ⇄ Postgres sync, SOR mode", () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await createSyncHarness(customersToContacts("customers", withMappings));
  }, 120_000);
  afterAll(async () => h?.close());

  it("creates on both sides, writes the SOR key back, then propagates updates and deletes", async () => {
    await h.a.query(
      "INSERT INTO customers (name, email) VALUES ('Ada Lovelace', 'ADA@example.com'), ('Alan Turing', 'alan@example.com')",
    );
    await h.b.query(
      "INSERT INTO contacts (full_name, email) VALUES ('Grace Hopper', 'grace@example.com')",
    );
    await h.converge();

    const customers = await h.a.query("SELECT id::text, name, email FROM customers ORDER BY id");
    const contacts = await h.b.query(
      "SELECT id::text, full_name, email, customer_id FROM contacts ORDER BY id",
    );
    expect(customers.rows.map((r) => r.name)).toEqual([
      "Ada Lovelace",
      "Alan Turing",
      "Grace Hopper",
    ]);
    expect(contacts.rows).toHaveLength(3);
    // Every contact carries its customer's SOR key, including the one born in B (write-back).
    const byKey = new Map(customers.rows.map((r) => [r.id, r]));
    for (const contact of contacts.rows) {
      const customer = byKey.get(contact.customer_id);
      expect(customer?.name).toBe(contact.full_name);
      expect(customer?.email).toBe(contact.email);
    }
    expect(contacts.rows.find((c) => c.full_name === "Grace Hopper")?.customer_id).toBe(
      customers.rows.find((c) => c.name === "Grace Hopper")?.id,
    );

    // Updates on both sides.
    await h.a.query("UPDATE customers SET name = 'Ada King' WHERE name = 'Ada Lovelace'");
    await h.b.query(
      "UPDATE contacts SET email = 'turing@example.com' WHERE full_name = 'Alan Turing'",
    );
    await h.converge();
    const afterUpdate = await h.b.query("SELECT full_name, email FROM contacts ORDER BY full_name");
    expect(afterUpdate.rows).toEqual([
      { full_name: "Ada King", email: "ada@example.com" },
      { full_name: "Alan Turing", email: "turing@example.com" },
      { full_name: "Grace Hopper", email: "grace@example.com" },
    ]);
    expect(
      (await h.a.query("SELECT email FROM customers WHERE name = 'Alan Turing'")).rows,
    ).toEqual([{ email: "turing@example.com" }]);

    // Deletes on both sides.
    await h.a.query("DELETE FROM customers WHERE name = 'Ada King'");
    await h.b.query("DELETE FROM contacts WHERE full_name = 'Grace Hopper'");
    await h.converge();
    expect((await h.a.query("SELECT name FROM customers ORDER BY name")).rows).toEqual([
      { name: "Alan Turing" },
    ]);
    expect((await h.b.query("SELECT full_name FROM contacts ORDER BY full_name")).rows).toEqual([
      { full_name: "Alan Turing" },
    ]);
  }, 180_000);

  it("does not ping-pong: once converged, repeated runs write nothing on either side", async () => {
    await h.converge();
    const before = { a: await changeCount(h.a), b: await changeCount(h.b) };
    const runs = [
      ...(await h.runOnce("a-to-b")),
      ...(await h.runOnce("b-to-a")),
      ...(await h.runOnce("a-to-b")),
    ];
    for (const run of runs)
      expect(
        (run.counts.created ?? 0) + (run.counts.updated ?? 0) + (run.counts.deleted ?? 0),
      ).toBe(0);
    expect({ a: await changeCount(h.a), b: await changeCount(h.b) }).toEqual(before);
  }, 120_000);

  it("with live change-stream loops, a change lands once and nothing more is written for 10 s", async () => {
    const handles = await Promise.all(
      (["a-to-b", "b-to-a"] as const).map((direction) =>
        h.client.workflow.start("syncFlowWorkflow", {
          taskQueue: h.taskQueue,
          workflowId: `${h.taskQueue}-live-${direction}`,
          args: [{ flowId: h.flowIds[direction] }],
        }),
      ),
    );
    try {
      await h.a.query(
        "INSERT INTO customers (name, email) VALUES ('Live Record', 'live@example.com')",
      );
      const deadline = Date.now() + 60_000;
      let landed = false;
      while (!landed && Date.now() < deadline) {
        const rows = await h.b.query(
          "SELECT customer_id FROM contacts WHERE full_name = 'Live Record'",
        );
        landed = rows.rows.length === 1 && rows.rows[0].customer_id !== null;
        if (!landed) await new Promise((r) => setTimeout(r, 250));
      }
      expect(landed).toBe(true);
      // Let the echo (B's change flowing back to A) be processed and skipped.
      await new Promise((r) => setTimeout(r, 3_000));
      const settled = { a: await changeCount(h.a), b: await changeCount(h.b) };
      await new Promise((r) => setTimeout(r, 10_000));
      expect({ a: await changeCount(h.a), b: await changeCount(h.b) }).toEqual(settled);
      expect(
        (await h.b.query("SELECT count(*)::int AS n FROM contacts WHERE full_name = 'Live Record'"))
          .rows[0].n,
      ).toBe(1);
    } finally {
      await Promise.all(handles.map((handle) => handle.terminate("test finished").catch(() => {})));
    }
  }, 120_000);
});
