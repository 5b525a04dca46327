import { applyMapping, type FlowNodeOf, keyText, type Mapping } from "@duplex/core";
import { findLinks } from "@duplex/db";
import type { RunContext } from "../run-context";
import { finish, type WorkItem } from "../work-item";
import type { StepOutput } from "./types";

/** Object pairs that a mapping's reference transforms resolve through, with the source field read. */
function referencedObjects(mappings: readonly Mapping[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const mapping of mappings) {
    for (const transform of mapping.transforms) {
      if (transform.type !== "reference") continue;
      const fields = found.get(transform.object) ?? new Set<string>();
      if (mapping.source) fields.add(mapping.source);
      found.set(transform.object, fields);
    }
  }
  return found;
}

/**
 * Preloads the links the batch's foreign keys need (one query per parent object), so the
 * reference transform is a map lookup and a missing parent defers the record instead of failing it.
 */
async function loadReferences(ctx: RunContext, mappings: readonly Mapping[], items: WorkItem[]) {
  const resolved = new Map<string, Map<string, string>>();
  for (const [object, fields] of referencedObjects(mappings)) {
    const keys = new Set<string>();
    for (const item of items) {
      for (const field of fields) {
        const key = keyText(item.change.record?.[field]);
        if (key) keys.add(key);
      }
    }
    const links = await findLinks(ctx.db, ctx.syncId, object, ctx.source.side, [...keys]);
    const targets = new Map<string, string>();
    for (const [key, link] of links) {
      const target = ctx.target.side === "a" ? link.idA : link.idB;
      if (target && !link.deletedAt) targets.set(key, target);
    }
    resolved.set(object, targets);
  }
  return (object: string, sourceKey: string) => resolved.get(object)?.get(sourceKey);
}

/**
 * A field whose value came out undefined is not in the stored batch (JSON has no undefined), so it
 * is dropped here too: the next step sees the same payload whether it reads the batch back or
 * gets it from this worker's batch cache.
 */
function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out;
}

export async function runMap(
  ctx: RunContext,
  node: FlowNodeOf<"map">,
  items: WorkItem[],
): Promise<StepOutput> {
  const resolveReference = await loadReferences(ctx, node.config.mappings, items);
  const out: WorkItem[] = [];
  for (const item of items) {
    if (item.result || item.change.op === "delete" || !item.change.record) {
      out.push(item);
      continue;
    }
    const mapped = await applyMapping(item.change.record, node.config.mappings, {
      resolveReference,
    });
    if (mapped.errors.length > 0) {
      const message = mapped.errors.map((e) => `${e.field}: ${e.message}`).join("; ");
      const fields = mapped.errors.map((e) => e.field);
      out.push(
        finish(item, {
          outcome: "failed",
          nodeId: node.id,
          targetKey: null,
          error: { code: "transform-failed", message, fields },
        }),
      );
    } else if (mapped.unresolvedReferences.length > 0) {
      const reason = mapped.unresolvedReferences
        .map((r) => `${r.field} → ${r.object} ${r.sourceKey} is not linked yet`)
        .join("; ");
      out.push(finish(item, { outcome: "deferred", nodeId: node.id, targetKey: null, reason }));
    } else {
      out.push({ ...item, mapped: withoutUndefined(mapped.values) });
    }
  }
  return { outputs: { out } };
}
