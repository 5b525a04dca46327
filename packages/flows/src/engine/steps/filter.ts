import { evaluateFilter, type FlowNodeOf } from "@duplex/core";
import { finish, type WorkItem } from "../work-item";
import type { StepOutput } from "./types";

/** Matching records (and deletes, which carry no values to test) go on; the rest branch or stop. */
export async function runFilter(
  node: FlowNodeOf<"filter">,
  items: WorkItem[],
  hasElseEdge: boolean,
): Promise<StepOutput> {
  const match: WorkItem[] = [];
  const otherwise: WorkItem[] = [];
  for (const item of items) {
    if (item.result || item.change.op === "delete" || !item.change.record) {
      match.push(item);
      continue;
    }
    try {
      if (await evaluateFilter(node.config.condition, item.change.record)) match.push(item);
      else if (hasElseEdge) otherwise.push(item);
      else
        match.push(
          finish(item, {
            outcome: "skipped-filtered",
            nodeId: node.id,
            targetKey: null,
            reason: "filter condition is false",
          }),
        );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      match.push(
        finish(item, {
          outcome: "failed",
          nodeId: node.id,
          targetKey: null,
          error: { code: "filter-failed", message },
        }),
      );
    }
  }
  return { outputs: { match, else: otherwise } };
}
