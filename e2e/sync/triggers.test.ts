import type { FlowDefinition } from "@duplex/core";
import { getFlow, getFlowVersion } from "@duplex/db";
import { activateFlow, deactivateFlow, flowLoopWorkflowId, flowScheduleId } from "@duplex/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemsToThings, mapNameToLabel } from "./fixtures";
import { createSyncHarness, type SyncHarness } from "./harness";

// Activation by trigger type: schedule triggers become Temporal Schedules, poll triggers a
// long-lived loop; deactivation removes them and keeps the watermark.
function flowWith(flow: FlowDefinition): FlowDefinition {
  const index = flow.nodes.findIndex((n) => n.id === "trigger");
  flow.nodes[index] =
    flow.direction === "a-to-b"
      ? {
          id: "trigger",
          type: "trigger.schedule",
          position: { x: 0, y: 0 },
          config: { object: "item", intervalSeconds: 3600, read: "changes" },
        }
      : {
          id: "trigger",
          type: "trigger.poll",
          position: { x: 0, y: 0 },
          config: { object: "item", intervalSeconds: 5, overlapSeconds: 0, batchSize: 100 },
        };
  return mapNameToLabel(flow);
}

describe("flow activation", () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await createSyncHarness(itemsToThings("activation", flowWith));
  }, 120_000);
  afterAll(async () => h?.close());

  async function published(direction: "a-to-b" | "b-to-a") {
    const flow = await getFlow(h.duplex.db, h.flowIds[direction]);
    const version = await getFlowVersion(h.duplex.db, flow?.publishedVersionId ?? "");
    return version?.definition;
  }

  it("runs a schedule trigger as a Temporal Schedule and removes it on deactivation", async () => {
    const flowId = h.flowIds["a-to-b"];
    const result = await activateFlow(h.client, h.taskQueue, flowId, await published("a-to-b"));
    expect(result).toEqual({ kind: "schedule", scheduleId: flowScheduleId(flowId) });
    // Activating twice is harmless.
    await activateFlow(h.client, h.taskQueue, flowId, await published("a-to-b"));
    const schedule = h.client.schedule.getHandle(flowScheduleId(flowId));
    const described = await schedule.describe();
    expect(described.spec.intervals?.[0]?.every).toBe(3_600_000);

    await h.a.query("INSERT INTO items (name) VALUES ('scheduled')");
    await schedule.trigger();
    const deadline = Date.now() + 60_000;
    let rows: unknown[] = [];
    while (Date.now() < deadline && rows.length === 0) {
      rows = (await h.b.query("SELECT label FROM things")).rows;
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(rows).toEqual([{ label: "scheduled" }]);

    await deactivateFlow(h.client, flowId);
    await expect(schedule.describe()).rejects.toThrow();
  }, 120_000);

  it("runs a poll trigger as a loop workflow and cancels it on deactivation", async () => {
    const flowId = h.flowIds["b-to-a"];
    const result = await activateFlow(h.client, h.taskQueue, flowId, await published("b-to-a"));
    expect(result).toEqual({ kind: "loop", workflowId: flowLoopWorkflowId(flowId) });
    const handle = h.client.workflow.getHandle(flowLoopWorkflowId(flowId));
    expect((await handle.describe()).status.name).toBe("RUNNING");
    await deactivateFlow(h.client, flowId);
    const deadline = Date.now() + 30_000;
    let status = "RUNNING";
    while (Date.now() < deadline && status === "RUNNING") {
      status = (await handle.describe()).status.name;
      if (status === "RUNNING") await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe("CANCELLED");
  }, 120_000);
});
