import { type FlowNodeOf, keyText, planIdentity, type RecordValues } from "@duplex/core";
import { findLinks, type LinkRow } from "@duplex/db";
import type { RunContext } from "../run-context";
import { finish, type LinkState, type WorkItem } from "../work-item";
import { errorMessage, type StepOutput } from "./types";

function linkState(row: LinkRow | undefined): LinkState | null {
  if (!row) return null;
  return {
    id: row.id,
    idA: row.idA,
    idB: row.idB,
    fingerprintAToB: row.fingerprintAToB,
    fingerprintBToA: row.fingerprintBToA,
    sourceUpdatedAtA: row.sourceUpdatedAtA,
    sourceUpdatedAtB: row.sourceUpdatedAtB,
    deleted: row.deletedAt !== null,
  };
}

/**
 * Finds each record's counterpart: the identity rules (SOR key, external ID) decide the match,
 * a link that already knows the target key wins over a field match (it survives a write-back that
 * has not landed yet), and the target's current values are read in one call per match field.
 */
export async function runLookup(
  ctx: RunContext,
  node: FlowNodeOf<"lookup">,
  items: WorkItem[],
): Promise<StepOutput> {
  const open = items.filter((i) => !i.result);
  const links = await findLinks(
    ctx.db,
    ctx.syncId,
    ctx.pair.key,
    ctx.source.side,
    open.map((i) => i.change.key),
  );
  const targetPk = ctx.target.descriptor.primaryKey;
  const primaryKeys =
    ctx.source.side === "a"
      ? { a: ctx.source.descriptor.primaryKey, b: targetPk }
      : { a: targetPk, b: ctx.source.descriptor.primaryKey };

  const planned: WorkItem[] = items.map((item) => {
    if (item.result) return item;
    const link = linkState(links.get(item.change.key));
    const linkedTarget = link ? (ctx.target.side === "a" ? link.idA : link.idB) : null;
    try {
      const plan = planIdentity({
        sync: ctx.sync,
        objectKey: ctx.pair.key,
        direction: ctx.direction,
        op: item.change.op,
        sourceKey: item.change.key,
        sourceRecord: item.change.record,
        link: link ? { idA: link.idA, idB: link.idB } : null,
        primaryKeys,
      });
      if (plan.action === "skip") {
        return finish(
          { ...item, link },
          { outcome: plan.outcome, nodeId: node.id, targetKey: null, reason: plan.reason },
        );
      }
      let match = plan.match;
      if (linkedTarget && match && match.field !== targetPk)
        match = { field: targetPk, value: linkedTarget };
      if (plan.action === "delete") return { ...item, link, match, operation: "delete" as const };
      const usesMatchKey = node.config.strategy === "match-key" && !linkedTarget;
      return {
        ...item,
        link,
        match: usesMatchKey ? null : match,
        operation: usesMatchKey ? ("upsert" as const) : plan.operation,
        setFields: plan.setFields,
        writeBack: plan.writeBack
          ? {
              keyField: plan.writeBack.keyField,
              key: plan.writeBack.key,
              field: plan.writeBack.field,
              value: plan.writeBack.value,
            }
          : null,
      };
    } catch (error) {
      return finish(item, {
        outcome: "failed",
        nodeId: node.id,
        targetKey: null,
        error: { code: "identity-failed", message: errorMessage(error) },
      });
    }
  });

  const withMatchKeys =
    node.config.strategy === "match-key" ? await matchByFields(ctx, node, planned) : planned;
  return { outputs: { out: await readTargets(ctx, withMatchKeys) } };
}

/** Custom match key (email, domain): an unlinked record adopts an existing target record. */
async function matchByFields(
  ctx: RunContext,
  node: FlowNodeOf<"lookup">,
  items: WorkItem[],
): Promise<WorkItem[]> {
  const [pairFields] = node.config.matchFields;
  if (!pairFields) return items;
  const wanted = items.filter((i) => !i.result && i.match === null && i.operation !== "delete");
  const values = [
    ...new Set(
      wanted
        .map((i) => keyText(i.change.record?.[pairFields.source]))
        .filter((v): v is string => v !== null),
    ),
  ];
  const rows = values.length
    ? await ctx.target.connector.readByKeys(ctx.target.object, pairFields.target, values)
    : [];
  const norm = (v: string) => (node.config.caseInsensitive ? v.toLowerCase() : v);
  const byValue = new Map(rows.map((r) => [norm(keyText(r[pairFields.target]) ?? ""), r]));
  const pk = ctx.target.descriptor.primaryKey;
  return items.map((item) => {
    if (!wanted.includes(item)) return item;
    const value = keyText(item.change.record?.[pairFields.source]);
    const found = value ? byValue.get(norm(value)) : undefined;
    const key = found ? keyText(found[pk]) : null;
    return key
      ? { ...item, match: { field: pk, value: key }, operation: "update" as const }
      : { ...item, operation: "insert" as const };
  });
}

/** Reads the current target record of every matched item, grouped by match field. */
async function readTargets(ctx: RunContext, items: WorkItem[]): Promise<WorkItem[]> {
  const byField = new Map<string, Set<string>>();
  for (const item of items) {
    if (item.result || !item.match) continue;
    const values = byField.get(item.match.field) ?? new Set<string>();
    values.add(item.match.value);
    byField.set(item.match.field, values);
  }
  const found = new Map<string, RecordValues>();
  for (const [field, values] of byField) {
    const rows = await ctx.target.connector.readByKeys(ctx.target.object, field, [...values]);
    for (const row of rows) {
      const value = keyText(row[field]);
      if (value !== null) found.set(`${field}\u0000${value}`, row);
    }
  }
  const pk = ctx.target.descriptor.primaryKey;
  return items.map((item) => {
    if (item.result) return item;
    const current = item.match
      ? (found.get(`${item.match.field}\u0000${item.match.value}`) ?? null)
      : null;
    return { ...item, target: { key: current ? keyText(current[pk]) : null, current } };
  });
}
