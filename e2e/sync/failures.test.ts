import { type Connector, ConnectorError } from "@duplex/connectors";
import { getRun, listOutcomes, listSteps } from "@duplex/db";
import { createReplayRun, type RunSummary } from "@duplex/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customersToContacts, mapCustomerFields } from "./fixtures";
import { createSyncHarness, type SyncHarness } from "./harness";

// Tests 5 and 6: transient failures in the target are retried with growing delays; a permanent
// per-record failure fails only that record, and replaying it after the data is fixed succeeds
// without duplicating anything.
const schemaA = `CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text);`;
const schemaB = `CREATE TABLE contacts (id serial PRIMARY KEY, full_name text, email text CHECK (email LIKE '%@%'), customer_id text UNIQUE);`;

const flaky = { failuresLeft: 0, attempts: [] as number[] };

/** A real connector whose upserts fail with a transient error the next `failuresLeft` times. */
function wrapTarget(side: "a" | "b", connector: Connector): Connector {
  if (side !== "b") return connector;
  return {
    ...connector,
    async upsert(object, rows, options) {
      flaky.attempts.push(Date.now());
      if (flaky.failuresLeft > 0) {
        flaky.failuresLeft -= 1;
        throw new ConnectorError("connection reset by peer (injected)", "ECONNRESET", true);
      }
      return connector.upsert(object, rows, options);
    },
  };
}

describe("failures and replay", () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await createSyncHarness(
      customersToContacts("failures", mapCustomerFields, {
        schemaA,
        schemaB,
        wrapConnector: wrapTarget,
      }),
    );
  }, 120_000);
  afterAll(async () => h?.close());

  it("retries transient target failures with growing delays, then succeeds", async () => {
    await h.a.query("INSERT INTO customers (name, email) VALUES ('Retry Me', 'retry@example.com')");
    flaky.failuresLeft = 2;
    flaky.attempts = [];
    const [summary] = await h.runOnce("a-to-b");
    expect(summary?.status).toBe("succeeded");
    expect(summary?.counts.created).toBe(1);
    expect(flaky.attempts).toHaveLength(3);
    const [t0 = 0, t1 = 0, t2 = 0] = flaky.attempts;
    // Default node policy: 1 s, then x2.
    expect(t1 - t0).toBeGreaterThanOrEqual(900);
    expect(t2 - t1).toBeGreaterThan((t1 - t0) * 1.5);
    const steps = await listSteps(h.duplex.db, summary?.runId ?? "");
    expect(steps.find((s) => s.nodeId === "upsert")).toMatchObject({
      status: "succeeded",
      attempts: 3,
    });
  }, 120_000);

  it("fails one bad record alone and replays it after the data is fixed, without duplicates", async () => {
    await h.a.query(
      "INSERT INTO customers (name, email) VALUES ('Good One', 'one@example.com'), ('Bad Email', 'not-an-email'), ('Good Two', 'two@example.com')",
    );
    const runs: RunSummary[] = await h.runOnce("a-to-b");
    const run = runs[0];
    expect(run?.status).toBe("partially-failed");
    expect(run?.counts).toMatchObject({ created: 2, failed: 1 });
    const [failed] = await listOutcomes(h.duplex.db, run?.runId ?? "", "failed");
    expect(failed?.error).toMatchObject({ message: expect.stringContaining("check") });

    await h.a.query(
      "UPDATE customers SET email = 'bad.fixed@example.com' WHERE name = 'Bad Email'",
    );
    const replay = await createReplayRun(h.duplex.db, { runId: run?.runId ?? "", mode: "failed" });
    expect(replay.count).toBe(1);
    const replayed: RunSummary = await h.client.workflow.execute("runFlowWorkflow", {
      taskQueue: h.taskQueue,
      workflowId: `run-${replay.runId}`,
      args: [{ runId: replay.runId }],
    });
    expect(replayed).toMatchObject({ status: "succeeded", counts: { created: 1 } });
    expect((await getRun(h.duplex.db, replay.runId)).replayOf).toBe(run?.runId);

    // Replaying the whole original run again changes nothing: writes are idempotent.
    const again = await createReplayRun(h.duplex.db, { runId: run?.runId ?? "", mode: "all" });
    const summary: RunSummary = await h.client.workflow.execute("runFlowWorkflow", {
      taskQueue: h.taskQueue,
      workflowId: `run-${again.runId}`,
      args: [{ runId: again.runId }],
    });
    expect(summary.counts.created ?? 0).toBe(0);
    await h.converge();
    const contacts = await h.b.query("SELECT full_name, email FROM contacts ORDER BY full_name");
    expect(contacts.rows).toEqual([
      { full_name: "Bad Email", email: "bad.fixed@example.com" },
      { full_name: "Good One", email: "one@example.com" },
      { full_name: "Good Two", email: "two@example.com" },
      { full_name: "Retry Me", email: "retry@example.com" },
    ]);
  }, 180_000);

  it("replays from the failed step with the recorded input, skipping the steps that succeeded", async () => {
    await h.a.query("INSERT INTO customers (name, email) VALUES ('Target Rule', 'no-at-sign')");
    const [run] = await h.runOnce("a-to-b");
    expect(run?.counts).toMatchObject({ failed: 1 });
    // This time the target's rule was wrong: relax it, and resume at the upsert step.
    await h.b.query("ALTER TABLE contacts DROP CONSTRAINT contacts_email_check");
    const replay = await createReplayRun(h.duplex.db, {
      runId: run?.runId ?? "",
      mode: "failed",
      fromStep: "upsert",
    });
    const summary: RunSummary = await h.client.workflow.execute("runFlowWorkflow", {
      taskQueue: h.taskQueue,
      workflowId: `run-${replay.runId}`,
      args: [{ runId: replay.runId }],
    });
    expect(summary).toMatchObject({ status: "succeeded", counts: { created: 1 } });
    const steps = (await listSteps(h.duplex.db, replay.runId)).map((s) => s.nodeId);
    expect(steps).not.toContain("map");
    expect(steps).not.toContain("lookup");
    expect(steps[0]).toBe("upsert");
    expect(
      (await h.b.query("SELECT email FROM contacts WHERE full_name = 'Target Rule'")).rows,
    ).toEqual([{ email: "no-at-sign" }]);
  }, 120_000);
});
