import type { WorkItem } from "../work-item";

/** Items leaving a step, per output handle. Finished items travel on the first handle. */
export interface StepOutput {
  outputs: Record<string, WorkItem[]>;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
