import { compareToLastSynced, type FlowNodeOf, fieldTypesOf } from "@duplex/core";
import type { RunContext } from "../run-context";
import { finish, type WorkItem } from "../work-item";
import type { StepOutput } from "./types";

/**
 * The loop breaker: a payload equal to the target's current values, or to what this direction
 * last wrote, is `skipped-equal` and never written. An echo of Duplex's own write ends here.
 */
export function runCompare(
  ctx: RunContext,
  node: FlowNodeOf<"compare">,
  items: WorkItem[],
): StepOutput {
  const fieldTypes = fieldTypesOf(ctx.target.descriptor);
  const { ignoreFields, ...options } = node.config;
  const out = items.map((item): WorkItem => {
    if (item.result) return item;
    if (item.operation === "delete") {
      if (item.link?.deleted || (item.match && item.target && item.target.current === null)) {
        return finish(item, {
          outcome: "skipped-equal",
          nodeId: node.id,
          targetKey: item.target?.key ?? null,
          reason: "already deleted on the target",
        });
      }
      return item;
    }
    const payload = { ...(item.mapped ?? {}), ...(item.setFields ?? {}) };
    const lastSynced =
      ctx.direction === "a-to-b" ? item.link?.fingerprintAToB : item.link?.fingerprintBToA;
    const result = compareToLastSynced({
      mapped: payload,
      targetCurrent: item.target?.current ?? null,
      lastSyncedFingerprint: lastSynced ?? null,
      ignoreFields,
      fieldTypes,
      options,
    });
    if (result.equal) {
      return finish(
        { ...item, fingerprint: result.fingerprint },
        {
          outcome: "skipped-equal",
          nodeId: node.id,
          targetKey: item.target?.key ?? null,
          reason: result.reason,
        },
      );
    }
    return { ...item, fingerprint: result.fingerprint };
  });
  return { outputs: { out } };
}
