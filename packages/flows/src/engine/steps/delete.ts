import type { FlowNodeOf } from "@duplex/core";
import type { RunContext } from "../run-context";
import { finish, type WorkItem } from "../work-item";
import type { StepOutput } from "./types";

/** Propagates deletes: hard delete, soft delete (set a field), or ignore, as the node says. */
export async function runDelete(
  ctx: RunContext,
  node: FlowNodeOf<"delete">,
  items: WorkItem[],
): Promise<StepOutput> {
  const pk = ctx.target.descriptor.primaryKey;
  const out = new Map<WorkItem, WorkItem>();
  const toDelete: Array<{ item: WorkItem; key: string }> = [];
  for (const item of items) {
    if (item.result || item.operation !== "delete") continue;
    const key = item.target?.key ?? (item.match?.field === pk ? item.match.value : null);
    if (node.config.behaviour === "ignore") {
      out.set(
        item,
        finish(item, {
          outcome: "skipped-filtered",
          nodeId: node.id,
          targetKey: key,
          reason: "this flow ignores deletes",
        }),
      );
    } else if (!key) {
      out.set(
        item,
        finish(item, {
          outcome: "skipped-equal",
          nodeId: node.id,
          targetKey: null,
          reason: "no target record to delete",
        }),
      );
    } else {
      toDelete.push({ item, key });
    }
  }
  if (toDelete.length > 0) {
    const keys = toDelete.map((d) => d.key);
    const outcomes =
      node.config.behaviour === "soft" && node.config.softDeleteField
        ? await ctx.target.connector.upsert(
            ctx.target.object,
            keys.map((key) => ({
              [pk]: key,
              [node.config.softDeleteField ?? ""]: node.config.softDeleteValue,
            })),
            { matchField: pk, origin: ctx.syncId },
          )
        : await ctx.target.connector.delete(ctx.target.object, keys, { origin: ctx.syncId });
    toDelete.forEach(({ item, key }, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) {
        out.set(
          item,
          finish(
            { ...item, written: { targetKey: key, created: false } },
            { outcome: "deleted", nodeId: node.id, targetKey: key },
          ),
        );
      } else {
        const error = outcome
          ? { code: outcome.error.code, message: outcome.error.message }
          : { code: "no-outcome", message: "the connector returned no outcome" };
        out.set(item, finish(item, { outcome: "failed", nodeId: node.id, targetKey: key, error }));
      }
    });
  }
  return { outputs: { out: items.map((item) => out.get(item) ?? item) } };
}
