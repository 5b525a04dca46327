import {
  continueAsNew,
  executeChild,
  patched,
  proxyActivities,
  proxyLocalActivities,
  sleep,
} from "@temporalio/workflow";
import type { DuplexActivities, RunSummary } from "../activities/index";
import { runFlowWorkflow } from "./run-flow";

const activities = proxyActivities<DuplexActivities>({
  startToCloseTimeout: "5 minutes",
  retry: { initialInterval: "1s", backoffCoefficient: 2, maximumInterval: "1 minute" },
});

const waiting = proxyActivities<DuplexActivities>({
  startToCloseTimeout: "2 minutes",
  heartbeatTimeout: "30 seconds",
  retry: { initialInterval: "1s", backoffCoefficient: 2, maximumInterval: "30 seconds" },
});

// Moving the watermark is one write to Duplex's own database, on the path between a run's end and
// the next collect: as a local activity it skips a task-queue round trip. Histories recorded
// before ran it as an ordinary activity.
const LOCAL_WATERMARK_PATCH = "local-commit-watermark";
const local = proxyLocalActivities<DuplexActivities>({
  startToCloseTimeout: "1 minute",
  retry: { initialInterval: "1s", backoffCoefficient: 2, maximumInterval: "1 minute" },
});

export interface SyncFlowInput {
  flowId: string;
  /** Run once over whatever is pending, then stop (manual "run now" and schedules). */
  once?: boolean;
}

// Keeps the history of a long-lived trigger loop bounded.
const ITERATIONS_PER_HISTORY = 200;

/**
 * The life of an active flow: collect a batch since the watermark, run it, move the watermark,
 * repeat. Poll triggers sleep between empty reads; change-stream triggers wait for the source to
 * report a change. The watermark lives in Postgres and only moves after a run finished, so a
 * worker restart loses no event.
 */
export async function syncFlowWorkflow(input: SyncFlowInput): Promise<RunSummary[]> {
  const info = await activities.triggerInfo({ flowId: input.flowId });
  const summaries: RunSummary[] = [];
  // Deferred changes (children waiting for a parent) are retried on the first read after each
  // wake-up, not on every read, so a child whose parent never comes cannot keep the loop busy.
  let retryDeferred = true;
  for (let i = 0; i < ITERATIONS_PER_HISTORY; i += 1) {
    const collected = await activities.collectChanges({
      flowId: input.flowId,
      trigger: input.once ? "manual" : info.type,
      includeDeferred: retryDeferred,
    });
    retryDeferred = false;
    if (collected) {
      const summary = await executeChild(runFlowWorkflow, {
        args: [{ runId: collected.runId }],
        workflowId: `run-${collected.runId}`, // = runWorkflowId(); workflow code cannot import it
      });
      summaries.push(summary);
      const commit = patched(LOCAL_WATERMARK_PATCH) ? local : activities;
      await commit.commitWatermark({
        flowId: input.flowId,
        object: collected.object,
        cursor: collected.nextCursor,
      });
      if (collected.advanced) continue;
    }
    if (input.once) return summaries;
    if (info.type === "trigger.change-stream") {
      await waiting.awaitSourceChanges({ flowId: input.flowId, timeoutMs: 20_000 });
    } else {
      await sleep(info.intervalSeconds * 1000);
    }
    retryDeferred = true;
  }
  if (input.once) return summaries;
  return continueAsNew<typeof syncFlowWorkflow>(input);
}
