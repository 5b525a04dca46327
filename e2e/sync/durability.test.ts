import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FlowDefinition } from "@duplex/core";
import { testTemporalAddress } from "@duplex/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemsToThings, mapNameToLabel } from "./fixtures";
import { createSyncHarness, type SyncHarness } from "./harness";

// Test 7: kill the worker (SIGKILL, a separate process) in the middle of a 10,000-record run and
// start another. Temporal retries the interrupted step on the new worker; the run completes with
// exactly 10,000 target rows and no duplicates.
const here = path.dirname(fileURLToPath(import.meta.url));
const ROWS = 10_000;

function mappings(flow: FlowDefinition): FlowDefinition {
  const trigger = flow.nodes.find((n) => n.type === "trigger.poll");
  if (trigger?.type === "trigger.poll") trigger.config.batchSize = ROWS;
  const upsert = flow.nodes.find((n) => n.type === "upsert");
  if (upsert?.type === "upsert") upsert.config.batchSize = 100;
  return mapNameToLabel(flow);
}

describe("durability", () => {
  let h: SyncHarness;
  const workers: ChildProcess[] = [];
  function startWorker(): Promise<ChildProcess> {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(here, "worker-process.ts")],
      {
        env: {
          ...process.env,
          DATABASE_URL: h.duplexUrl,
          TEMPORAL_ADDRESS: testTemporalAddress(),
          TASK_QUEUE: h.taskQueue,
          SECRET_KEY: h.secretKey,
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    workers.push(child);
    return new Promise((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("worker ready")) resolve(child);
      });
      child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
    });
  }

  beforeAll(async () => {
    h = await createSyncHarness(itemsToThings("durability", mappings, { inProcessWorker: false }));
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) w.kill("SIGKILL");
    await h?.close();
  });

  it("completes a run interrupted by a killed worker with exactly one target row per record", async () => {
    await h.a.query(
      `INSERT INTO items (name) SELECT 'item ' || g FROM generate_series(1, ${ROWS}) AS g`,
    );
    const first = await startWorker();
    const handle = await h.client.workflow.start("syncFlowWorkflow", {
      taskQueue: h.taskQueue,
      workflowId: `${h.taskQueue}-durability`,
      args: [{ flowId: h.flowIds["a-to-b"], once: true }],
    });
    // Kill the worker once the upsert step is part-way through the batch.
    const deadline = Date.now() + 120_000;
    let written = 0;
    while (Date.now() < deadline) {
      written = (await h.b.query("SELECT count(*)::int AS n FROM things")).rows[0].n;
      if (written > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    first.kill("SIGKILL");
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(ROWS);

    await startWorker();
    await handle.result();
    const counts = await h.b.query(
      "SELECT count(*)::int AS n, count(DISTINCT item_id)::int AS distinct_ids FROM things",
    );
    expect(counts.rows[0]).toEqual({ n: ROWS, distinct_ids: ROWS });
  }, 300_000);
});
