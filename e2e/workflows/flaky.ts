import { ApplicationFailure, proxyActivities } from "@temporalio/workflow";

// Test-only workflow: one activity that fails transiently, under an exponential retry policy.
export interface FlakyActivities {
  flakyStep(failTimes: number): Promise<{ attempt: number }>;
}

const { flakyStep } = proxyActivities<FlakyActivities>({
  startToCloseTimeout: "10s",
  retry: {
    initialInterval: "1s",
    backoffCoefficient: 2.5,
    maximumInterval: "5s",
    maximumAttempts: 5,
  },
});

export async function flakyWorkflow(failTimes: number): Promise<{ attempt: number }> {
  try {
    return await flakyStep(failTimes);
  } catch (error) {
    throw ApplicationFailure.nonRetryable(`flaky step gave up: ${String(error)}`);
  }
}
