import type { Database } from "@duplex/db";
import type { ConnectorProvider } from "../connectors/provider";
import { createRunActivities } from "./run-activities";
import { createTriggerActivities } from "./trigger-activities";

export interface ActivityDependencies {
  db: Database;
  connectors: ConnectorProvider;
}

/** Activities are built by a factory so that the worker (and tests) inject their dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return { ...createRunActivities(deps), ...createTriggerActivities(deps) };
}
export type DuplexActivities = ReturnType<typeof createActivities>;
export type { RunSummary } from "./run-activities";
export type { CollectedRun, TriggerInfo } from "./trigger-activities";
