import { z } from "zod";

export const problemCodeSchema = z.enum([
  "schema",
  "duplicate-id",
  "no-trigger",
  "multiple-triggers",
  "trigger-has-input",
  "dangling-edge",
  "self-loop",
  "duplicate-edge",
  "invalid-handle",
  "cycle",
  "unreachable",
  "upsert-without-lookup",
  "write-back-before-upsert",
  "write-back-not-needed",
  "missing-write-back",
  "unknown-object",
  "lookup-strategy-mode",
  "unknown-source-field",
  "unknown-target-field",
  "read-only-target-field",
  "duplicate-target",
  "invalid-expression",
  "invalid-date-pattern",
  "incompatible-cast",
  "type-mismatch",
]);
export type ProblemCode = z.infer<typeof problemCodeSchema>;

/**
 * One thing wrong with a flow. With `nodeId`, `path` is relative to that node (["config",
 * "mappings", 2, "source"]) so the editor can highlight the field; with `edgeId` it is relative
 * to the edge; otherwise it is relative to the flow document.
 */
export interface Problem {
  code: ProblemCode;
  /** Errors block saving a runnable version; warnings are shown but allowed. */
  severity: "error" | "warning";
  message: string;
  nodeId?: string;
  edgeId?: string;
  path?: (string | number)[];
}

export function problem(
  code: ProblemCode,
  message: string,
  where: Omit<Problem, "code" | "message" | "severity"> & { severity?: Problem["severity"] } = {},
): Problem {
  const { severity = "error", ...rest } = where;
  return { code, severity, message, ...rest };
}
