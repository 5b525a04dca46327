import type { FlowNodeOf } from "@duplex/core";
import type { RunContext } from "../run-context";
import { finish, type WorkItem } from "../work-item";
import type { StepOutput } from "./types";

/**
 * SOR mode: after a record created on the non-SOR side was written into the SOR, its new SOR key
 * is written back into the source record's external-ID field, so both sides share the identity.
 */
export async function runWriteBack(
  ctx: RunContext,
  node: FlowNodeOf<"write-back">,
  items: WorkItem[],
): Promise<StepOutput> {
  const pending = items.filter(
    (i) =>
      i.writeBack &&
      i.written &&
      (i.result?.outcome === "created" || i.result?.outcome === "updated"),
  );
  const out = new Map<WorkItem, WorkItem>();
  if (pending.length > 0) {
    const keyField = pending[0]?.writeBack?.keyField ?? ctx.source.descriptor.primaryKey;
    const rows = pending.map((item) => {
      const plan = item.writeBack;
      const field = node.config.field ?? plan?.field ?? "";
      return {
        [keyField]: plan?.key ?? item.change.key,
        [field]: plan?.value ?? item.written?.targetKey ?? null,
      };
    });
    const outcomes = await ctx.source.connector.upsert(ctx.source.object, rows, {
      matchField: keyField,
      origin: ctx.syncId,
    });
    pending.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome && !outcome.ok) {
        const message = `written to ${ctx.target.object} as ${item.written?.targetKey}, but writing that key back failed: ${outcome.error.message}`;
        out.set(
          item,
          finish(item, {
            outcome: "failed",
            nodeId: node.id,
            targetKey: item.written?.targetKey ?? null,
            error: { code: "write-back-failed", message },
          }),
        );
      }
    });
  }
  return { outputs: { out: items.map((item) => out.get(item) ?? item) } };
}
