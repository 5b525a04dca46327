import {
  type ActivityOptions,
  ApplicationFailure,
  type LocalActivityOptions,
  patched,
  proxyActivities,
  proxyLocalActivities,
} from "@temporalio/workflow";
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

// planRun and finishRun only touch Duplex's own database and are idempotent: as local activities
// they skip the task-queue round trip (two per run). Same retry policy as `control`.
const localControl = proxyLocalActivities<DuplexActivities>({
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

// Pure steps and the run's control activities as local activities: histories recorded before
// this ran all of them as ordinary activities, and replaying them must schedule the same commands.
export const LOCAL_PURE_STEPS_PATCH = "local-pure-steps";

/**
 * A pure step (map, filter, compare) keeps its node's retry policy; it has no heartbeat (a local
 * activity lives inside the workflow task, which the worker keeps alive) and a shorter timeout:
 * it only reads and writes claim checks in Duplex's own database.
 */
function localActivityOptions(retry: RetryPolicyInput): LocalActivityOptions {
  const { heartbeatTimeout: _, ...options } = activityOptions(retry);
  return { ...options, startToCloseTimeout: "5 minutes" };
}

function reasonOf(error: unknown): string {
  if (error instanceof ApplicationFailure && error.cause) return error.cause.message;
  if (error instanceof Error)
    return error.cause instanceof Error ? error.cause.message : error.message;
  return String(error);
}

/**
 * The interpreter: walks a pinned flow version over one batch. Every step is an activity with its
 * node's retry policy (a local one for steps without I/O outside Duplex's database), and records
 * travel between steps as batch ids (claim checks), so the history stays small whatever the batch
 * size.
 */
export async function runFlowWorkflow(input: { runId: string }): Promise<RunSummary> {
  // Decided once, before the first command, so a history recorded without it replays unchanged.
  const localSteps = patched(LOCAL_PURE_STEPS_PATCH);
  const controls = localSteps ? localControl : control;
  const plan = await controls.planRun({ runId: input.runId });
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
      // `performsIo` is absent from plans recorded before it existed: those run as before.
      const local = localSteps && step.performsIo === false;
      const activities = local
        ? proxyLocalActivities<DuplexActivities>(localActivityOptions(step.retry))
        : proxyActivities<DuplexActivities>(activityOptions(step.retry));
      const result = await activities.executeStep({
        runId: input.runId,
        nodeId: step.nodeId,
        inputBatchIds,
      });
      outputs.set(step.nodeId, result.outputs);
    }
  } catch (error) {
    return controls.finishRun({ runId: input.runId, error: reasonOf(error) });
  }
  return controls.finishRun({ runId: input.runId });
}
