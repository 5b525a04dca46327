import type { WriteOutcome } from "@duplex/connectors";
import {
  type FlowNodeOf,
  pairField,
  type RecordValues,
  resolveConflict,
  sorSideOf,
} from "@duplex/core";
import type { RunContext } from "../run-context";
import { finish, type WorkItem } from "../work-item";
import type { StepOutput } from "./types";

export class TransientRecordError extends Error {
  override readonly name = "TransientRecordError";
}

function conflictDecision(ctx: RunContext, item: WorkItem) {
  const record = item.change.record ?? {};
  const current = item.target?.current;
  const field = (kind: "updatedAtField" | "versionField", side: "a" | "b") =>
    pairField(ctx.pair, kind, side);
  const sourceUpdatedAt =
    field("updatedAtField", ctx.source.side) ?? ctx.source.descriptor.updatedAtField;
  const targetUpdatedAt =
    field("updatedAtField", ctx.target.side) ?? ctx.target.descriptor.updatedAtField;
  const sourceVersion =
    field("versionField", ctx.source.side) ?? ctx.source.descriptor.versionField;
  const targetVersion =
    field("versionField", ctx.target.side) ?? ctx.target.descriptor.versionField;
  const revision = (values: RecordValues, name: string | undefined) => {
    const v = name ? values[name] : undefined;
    return typeof v === "string" || typeof v === "number" ? v : null;
  };
  const targetNow = current && targetUpdatedAt ? revision(current, targetUpdatedAt) : null;
  const lastSeen =
    ctx.target.side === "a" ? item.link?.sourceUpdatedAtA : item.link?.sourceUpdatedAtB;
  return resolveConflict({
    policy: ctx.sync.conflictPolicy,
    direction: ctx.direction,
    sorSide: sorSideOf(ctx.sync),
    source: {
      updatedAt:
        (sourceUpdatedAt ? revision(record, sourceUpdatedAt) : null) ?? item.change.sourceUpdatedAt,
      version: revision(record, sourceVersion),
    },
    target: current
      ? {
          updatedAt: targetNow,
          version: revision(current, targetVersion),
          // The target changed since Duplex last saw it when its updated-at moved on from the value recorded then.
          changedSinceLastSync:
            lastSeen != null && targetNow != null && String(targetNow) !== lastSeen,
        }
      : null,
  });
}

/**
 * Writes the batch to the target, in chunks of the node's batch size, after applying the conflict
 * policy. Each record gets its own outcome; a transient per-record failure fails the step so
 * Temporal retries it (writes are idempotent upserts, so the retry repeats nothing harmful).
 */
export async function runUpsert(
  ctx: RunContext,
  node: FlowNodeOf<"upsert">,
  items: WorkItem[],
): Promise<StepOutput> {
  const out = new Map<WorkItem, WorkItem>();
  const writable: Array<{ item: WorkItem; row: RecordValues; matchField: string }> = [];
  const pk = ctx.target.descriptor.primaryKey;
  for (const item of items) {
    if (item.result || item.operation === "delete" || !item.operation) continue;
    const decision = conflictDecision(ctx, item);
    if (!decision.apply) {
      out.set(
        item,
        finish(item, {
          outcome: "skipped-conflict",
          nodeId: node.id,
          targetKey: item.target?.key ?? null,
          reason: decision.reason,
        }),
      );
      continue;
    }
    const row: RecordValues = { ...(item.mapped ?? {}), ...(item.setFields ?? {}) };
    const matchField = node.config.matchField ?? item.match?.field ?? pk;
    if (item.match) row[item.match.field] = item.match.value;
    writable.push({ item, row, matchField });
  }

  const groups = new Map<string, typeof writable>();
  for (const entry of writable) {
    const key = `${entry.item.operation === "insert" ? "insert" : "upsert"}:${entry.matchField}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  let transient = 0;
  for (const [key, entries] of groups) {
    const insert = key.startsWith("insert:");
    for (let i = 0; i < entries.length; i += node.config.batchSize) {
      const chunk = entries.slice(i, i + node.config.batchSize);
      const rows = chunk.map((c) => c.row);
      const matchField = chunk[0]?.matchField ?? pk;
      const outcomes: WriteOutcome[] = insert
        ? await ctx.target.connector.insert(ctx.target.object, rows, { origin: ctx.syncId })
        : await ctx.target.connector.upsert(ctx.target.object, rows, {
            matchField,
            origin: ctx.syncId,
          });
      chunk.forEach((entry, index) => {
        const outcome = outcomes[index];
        if (!outcome) throw new Error(`the connector returned no outcome for row ${index}`);
        if (outcome.ok) {
          out.set(
            entry.item,
            finish(
              { ...entry.item, written: { targetKey: outcome.key, created: outcome.created } },
              {
                outcome: outcome.created ? "created" : "updated",
                nodeId: node.id,
                targetKey: outcome.key,
              },
            ),
          );
        } else {
          if (outcome.error.transient) transient += 1;
          const error = {
            code: outcome.error.code,
            message: outcome.error.message,
            ...(outcome.error.fields ? { fields: outcome.error.fields } : {}),
          };
          out.set(
            entry.item,
            finish(entry.item, {
              outcome: "failed",
              nodeId: node.id,
              targetKey: outcome.key,
              error,
            }),
          );
        }
      });
    }
  }
  if (transient > 0)
    throw new TransientRecordError(
      `${transient} record(s) hit a transient error in ${ctx.target.object}; retrying the batch`,
    );
  return { outputs: { out: items.map((item) => out.get(item) ?? item) } };
}
