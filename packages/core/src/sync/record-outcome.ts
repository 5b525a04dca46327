import { z } from "zod";

/**
 * What happened to one record in a run. `skipped-conflict` is for a record whose target won the
 * conflict policy: neither "equal" nor "failed" describes it honestly.
 */
export const recordOutcomeSchema = z.enum([
  "created",
  "updated",
  "skipped-equal",
  "skipped-no-external-id",
  "skipped-filtered",
  "skipped-conflict",
  "deleted",
  "failed",
  "deferred",
]);
export type RecordOutcome = z.infer<typeof recordOutcomeSchema>;
