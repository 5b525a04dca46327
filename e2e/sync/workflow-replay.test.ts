import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { workflowsPath } from "@duplex/flows";
import { historyFromJSON, historyToJSON } from "@temporalio/common/lib/proto-utils";
import { Worker } from "@temporalio/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemsToThings } from "./fixtures";
import { createSyncHarness, type SyncHarness } from "./harness";

// Workflow code must stay deterministic: a history recorded from a real run must replay against
// the current code without a non-determinism error. Committed histories (recorded with
// DUPLEX_RECORD_HISTORY=1) guard against changes that would break workflows already running.
// Every file in the folder is replayed: recordings from older workflow code (`*.v1.json`, before
// the local-activity patches) stay, so a change must keep those replaying as well as the newest.
// A recording is named `<workflow>[.<version>].json`.
const RECORD_AS = "v2";
const historiesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../packages/flows/src/workflows/histories",
);

describe("workflow determinism (replay of recorded histories)", () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await createSyncHarness(itemsToThings("replay"));
  }, 120_000);
  afterAll(async () => h?.close());

  it("replays the histories of a fresh run and of the committed recordings", async () => {
    await h.a.query("INSERT INTO items (name) VALUES ('one'), ('two')");
    const workflowId = `${h.taskQueue}-recorded`;
    const summaries = await h.client.workflow.execute("syncFlowWorkflow", {
      taskQueue: h.taskQueue,
      workflowId,
      args: [{ flowId: h.flowIds["a-to-b"], once: true }],
    });
    expect(summaries).toHaveLength(1);
    const loopHistory = await h.client.workflow.getHandle(workflowId).fetchHistory();
    const runHistory = await h.client.workflow
      .getHandle(`run-${summaries[0].runId}`)
      .fetchHistory();
    await Worker.runReplayHistory({ workflowsPath }, loopHistory, workflowId);
    await Worker.runReplayHistory({ workflowsPath }, runHistory, `run-${summaries[0].runId}`);

    if (process.env.DUPLEX_RECORD_HISTORY) {
      const file = (name: string) => path.join(historiesDir, `${name}.${RECORD_AS}.json`);
      writeFileSync(file("sync-flow"), historyToJSON(loopHistory));
      writeFileSync(file("run-flow"), historyToJSON(runHistory));
    }
    const files = readdirSync(historiesDir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const name of files) {
      const recorded = historyFromJSON(
        JSON.parse(readFileSync(path.join(historiesDir, name), "utf8")),
      );
      await Worker.runReplayHistory({ workflowsPath }, recorded, `recorded-${name}`);
    }
  }, 120_000);
});
