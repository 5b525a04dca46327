import { type LinkUpdate, type NewRecordOutcome, saveLinksBulk } from "@duplex/db";
import type { RunContext } from "./run-context";
import type { WorkItem } from "./work-item";

function revisionOf(ctx: RunContext, item: WorkItem): string | null {
  const field = ctx.source.descriptor.updatedAtField;
  const value = field ? item.change.record?.[field] : undefined;
  if (typeof value === "string" || typeof value === "number") return String(value);
  return item.change.sourceUpdatedAt;
}

/**
 * Updates the identity map for records this step finished: written records record both keys and
 * the fingerprint of what was written; records found equal record the link too (a day-zero match
 * becomes a link) and the source revision seen, which the conflict policies compare against.
 */
export async function persistLinks(
  ctx: RunContext,
  nodeId: string,
  items: WorkItem[],
): Promise<void> {
  const updates: LinkUpdate[] = [];
  for (const item of items) {
    const result = item.result;
    if (!result || result.nodeId !== nodeId) continue;
    const targetKey = item.written?.targetKey ?? result.targetKey ?? item.target?.key ?? null;
    if (!targetKey) continue;
    const written = result.outcome === "created" || result.outcome === "updated";
    const equal = result.outcome === "skipped-equal" && item.operation !== "delete";
    const deleted = result.outcome === "deleted";
    if (!written && !equal && !deleted) continue;
    const sourceKey = item.change.key;
    const revision = revisionOf(ctx, item);
    updates.push({
      idA: ctx.source.side === "a" ? sourceKey : targetKey,
      idB: ctx.source.side === "a" ? targetKey : sourceKey,
      ...(written && item.fingerprint
        ? { fingerprint: { direction: ctx.direction, value: item.fingerprint } }
        : {}),
      ...(ctx.source.side === "a"
        ? { sourceUpdatedAtA: revision }
        : { sourceUpdatedAtB: revision }),
      deleted,
    });
  }
  if (updates.length > 0) await saveLinksBulk(ctx.db, ctx.syncId, ctx.pair.key, updates);
}

export function outcomeRows(
  ctx: RunContext,
  nodeId: string,
  items: WorkItem[],
): NewRecordOutcome[] {
  const rows: NewRecordOutcome[] = [];
  for (const item of items) {
    const result = item.result;
    if (!result || result.nodeId !== nodeId) continue;
    rows.push({
      object: ctx.pair.key,
      sourceKey: item.change.key,
      targetKey: result.targetKey,
      outcome: result.outcome,
      nodeId,
      error: result.error ?? (result.reason ? { reason: result.reason } : null),
      change: item.change,
    });
  }
  return rows;
}

const SAMPLE_ITEMS = 3;
const SAMPLE_CHARS = 4_000;

/** A small, size-capped picture of a batch for the runs console; the batch itself is kept whole. */
export function summarize(items: WorkItem[]): Record<string, unknown> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const key = item.result?.outcome ?? "pending";
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const sample = items.slice(0, SAMPLE_ITEMS).map((i) => ({
    key: i.change.key,
    op: i.change.op,
    record: i.change.record,
    mapped: i.mapped,
    result: i.result,
  }));
  let text = JSON.stringify(sample);
  if (text.length > SAMPLE_CHARS) text = `${text.slice(0, SAMPLE_CHARS)}…`;
  return { count: items.length, counts, sample: text };
}
