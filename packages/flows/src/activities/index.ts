import type { Database } from "@duplex/db";

export interface ActivityDependencies {
  db: Database;
}

/** Activities are built by a factory so that the worker (and tests) inject their dependencies. */
export function createActivities(_deps: ActivityDependencies) {
  return {};
}
export type DuplexActivities = ReturnType<typeof createActivities>;
