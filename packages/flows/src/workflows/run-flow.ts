import { type ActivityOptions, ApplicationFailure, proxyActivities } from "@temporalio/workflow";
import type { DuplexActivities, RunSummary } from "../activities/index";

type RetryPolicyInput = Awaited<ReturnType<DuplexActivities["planRun"]>>["steps"][number]["retry"];

const control = proxyActivities<DuplexActivities>({
  startToCloseTimeout: "1 minute",
  retry: {
    initialInterval: "1s",
    backoffCoefficient: 2,
    maximumInterval: "30s",
    maximumAttempts: 10,
  },
});

function activityOptions(retry: RetryPolicyInput): ActivityOptions {
  return {
    startToCloseTimeout: "15 minutes",
    heartbeatTimeout: "15 seconds",
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: retry.backoffCoefficient,
      maximumInterval: retry.maximumIntervalMs,
      maximumAttempts: retry.maximumAttempts,
      nonRetryableErrorTypes: retry.nonRetryableErrorTypes,
    },
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof ApplicationFailure && error.cause) return error.cause.message;
  if (error instanceof Error)
    return error.cause instanceof Error ? error.cause.message : error.message;
  return String(error);
}

/**
 * The interpreter: walks a pinned flow version over one batch. Every step is an activity with its
 * node's retry policy, and records travel between steps as batch ids (claim checks), so the
 * history stays small whatever the batch size.
 */
export async function runFlowWorkflow(input: { runId: string }): Promise<RunSummary> {
  const plan = await control.planRun({ runId: input.runId });
  const outputs = new Map<string, Record<string, string>>();
  try {
    for (const step of plan.steps) {
      const inputBatchIds =
        step.nodeId === plan.entryNodeId
          ? [plan.inputBatchId]
          : step.inputs.flatMap((i) => {
              const id = outputs.get(i.nodeId)?.[i.handle];
              return id ? [id] : [];
            });
      if (inputBatchIds.length === 0) continue;
      const activities = proxyActivities<DuplexActivities>(activityOptions(step.retry));
      const result = await activities.executeStep({
        runId: input.runId,
        nodeId: step.nodeId,
        inputBatchIds,
      });
      outputs.set(step.nodeId, result.outputs);
    }
  } catch (error) {
    return control.finishRun({ runId: input.runId, error: reasonOf(error) });
  }
  return control.finishRun({ runId: input.runId });
}
