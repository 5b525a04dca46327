import { auditLog } from "@duplex/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customersToContacts, mapCustomerFields } from "../sync/fixtures";
import { createSyncHarness, type SyncHarness } from "../sync/harness";
import { type ApiCallers, createApiCallers } from "./api-callers";

// The runs procedures over a real run with one record that fails in the target (a CHECK
// constraint), then a failed-only replay through the API once the constraint is lifted.
const schemaB = `CREATE TABLE contacts (id serial PRIMARY KEY, full_name text, email text CONSTRAINT no_bad_domain CHECK (email NOT LIKE '%@bad.example'), customer_id text UNIQUE, updated_at timestamptz NOT NULL DEFAULT now());`;

describe("runs procedures", () => {
  let h: SyncHarness;
  let api: ApiCallers;
  beforeAll(async () => {
    h = await createSyncHarness(
      customersToContacts("runs console", mapCustomerFields, { schemaB }),
    );
    api = await createApiCallers({ db: h.duplex.db, client: h.client, taskQueue: h.taskQueue });
  }, 180_000);
  afterAll(async () => h?.close());

  it("lists runs, shows steps and outcome counts, pages per-record outcomes, and replays failed records", async () => {
    await h.a.query(
      "INSERT INTO customers (name, email) VALUES ('Good One', 'good@example.com'), ('Bad One', 'bad@bad.example'), ('Good Two', 'two@example.com')",
    );
    const operator = await api.as("operator");
    const [started] = await operator.syncOps.runNow({
      syncId: h.syncId,
      direction: "a-to-b",
      wait: true,
    });
    const summary = started?.runs?.[0];
    expect(summary).toMatchObject({
      status: "partially-failed",
      counts: { created: 2, failed: 1 },
    });
    if (!summary) throw new Error("no run");

    const viewer = await api.as("viewer");
    const listed = await viewer.runs.list({ syncId: h.syncId, direction: "a-to-b" });
    expect(listed.items.map((r) => r.id)).toContain(summary.runId);
    expect(
      (await viewer.runs.list({ syncId: h.syncId, status: "succeeded" })).items.map((r) => r.id),
    ).not.toContain(summary.runId);

    const run = await viewer.runs.get({ runId: summary.runId });
    expect(run).toMatchObject({
      id: summary.runId,
      direction: "a-to-b",
      status: "partially-failed",
      outcomeCounts: { created: 2, failed: 1 },
      replayOf: null,
      replays: [],
    });
    expect(run.steps.length).toBeGreaterThan(2);
    for (const step of run.steps) {
      expect(step).toMatchObject({
        nodeId: expect.any(String),
        nodeType: expect.any(String),
        status: expect.stringMatching(/^(succeeded|failed|skipped|running)$/),
        attempts: expect.any(Number),
      });
      expect(step.durationMs).toBeGreaterThanOrEqual(0);
    }

    const firstPage = await viewer.runs.outcomes({ runId: summary.runId, limit: 2 });
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.nextCursor).toEqual(expect.any(Number));
    const secondPage = await viewer.runs.outcomes({
      runId: summary.runId,
      limit: 2,
      cursor: firstPage.nextCursor ?? undefined,
    });
    expect(secondPage.items).toHaveLength(1);
    expect(secondPage.nextCursor).toBeNull();
    const failed = await viewer.runs.outcomes({ runId: summary.runId, outcome: "failed" });
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ outcome: "failed", object: "customer" });
    expect(JSON.stringify(failed.items[0]?.error)).toMatch(/no_bad_domain|check/i);

    // Viewers cannot replay; operators can, once the cause is fixed.
    await expect(
      viewer.runs.replay({ runId: summary.runId, mode: "failed" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await h.b.query("ALTER TABLE contacts DROP CONSTRAINT no_bad_domain");
    const replay = await operator.runs.replay({ runId: summary.runId, mode: "failed" });
    expect(replay.records).toBe(1);
    await h.client.workflow.getHandle(replay.workflowId).result();
    const replayed = await viewer.runs.get({ runId: replay.runId });
    expect(replayed).toMatchObject({
      replayOf: summary.runId,
      replayMode: "failed",
      trigger: "replay",
      outcomeCounts: { created: 1 },
    });
    expect((await viewer.runs.get({ runId: summary.runId })).replays.map((r) => r.id)).toEqual([
      replay.runId,
    ]);
    const contacts = await h.b.query("SELECT full_name FROM contacts ORDER BY full_name");
    expect(contacts.rows.map((r) => r.full_name)).toEqual(["Bad One", "Good One", "Good Two"]);

    const audited = await h.duplex.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "run.replay"));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ entityId: replay.runId, actorLabel: "e2e-operator" });

    await expect(
      operator.runs.replay({ runId: replay.runId, mode: "failed" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/no failed/) });
  }, 180_000);
});
