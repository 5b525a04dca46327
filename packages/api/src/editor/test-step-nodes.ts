import type { Connector } from "@duplex/connectors";
import {
  applyMapping,
  compareConfigSchema,
  compareToLastSynced,
  evaluateFilter,
  type FlowDraftNode,
  filterConfigSchema,
  lookupConfigSchema,
  mapConfigSchema,
  planIdentity,
  type RecordValues,
  type SyncDefinition,
} from "@duplex/core";
import { messageOf } from "./deps";

/** One sample record on its way through the test run. Nothing here is ever written anywhere. */
export interface TestItem {
  key: string;
  source: RecordValues;
  values?: RecordValues;
  target?: RecordValues | null;
  /** What the node did or would do with the record, in words. */
  note?: string;
  errors?: string[];
}

/** Records leaving a node, by output handle. */
export type HandleOutputs = Record<string, TestItem[]>;

export interface TestContext {
  sync: SyncDefinition;
  direction: "a-to-b" | "b-to-a";
  objectKey: string;
  targetObject: string;
  primaryKeys: { a?: string; b?: string };
  /** Read-only access to the target system, opened lazily and shared by the run. */
  target(): Promise<Connector>;
}

function configError(node: FlowDraftNode, message: string): never {
  throw new Error(`${node.label ?? node.id}: ${message}`);
}

function parseConfig<T>(
  node: FlowDraftNode,
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: Error };
  },
): T {
  const parsed = schema.safeParse(node.config);
  if (!parsed.success) configError(node, "its settings are incomplete; fix them first");
  return parsed.data;
}

async function mapItems(node: FlowDraftNode, items: TestItem[]): Promise<HandleOutputs> {
  const config = parseConfig(node, mapConfigSchema);
  const out: TestItem[] = [];
  for (const item of items) {
    const result = await applyMapping(item.source, config.mappings);
    const errors = [
      ...result.errors.map((e) => `${e.field}: ${e.message}`),
      ...result.unresolvedReferences.map(
        (r) => `reference to '${r.object}' is not linked yet (the record would be deferred)`,
      ),
    ];
    out.push({ ...item, values: result.values, ...(errors.length ? { errors } : {}) });
  }
  return { out };
}

async function filterItems(node: FlowDraftNode, items: TestItem[]): Promise<HandleOutputs> {
  const { condition } = parseConfig(node, filterConfigSchema);
  const match: TestItem[] = [];
  const otherwise: TestItem[] = [];
  for (const item of items) {
    try {
      if (await evaluateFilter(condition, item.source)) match.push({ ...item, note: "matches" });
      else otherwise.push({ ...item, note: "filtered out (skipped-filtered)" });
    } catch (error) {
      otherwise.push({ ...item, errors: [messageOf(error)] });
    }
  }
  return { match, else: otherwise };
}

async function lookupItems(
  node: FlowDraftNode,
  items: TestItem[],
  ctx: TestContext,
): Promise<HandleOutputs> {
  const config = parseConfig(node, lookupConfigSchema);
  const out: TestItem[] = [];
  const connector = await ctx.target();
  for (const item of items) {
    let field: string | null = null;
    let value: string | null = null;
    if (config.strategy === "match-key") {
      const [pair] = config.matchFields;
      const raw = pair ? item.source[pair.source] : undefined;
      field = pair?.target ?? null;
      value = raw === undefined || raw === null ? null : String(raw);
    } else {
      const plan = planIdentity({
        sync: ctx.sync,
        objectKey: ctx.objectKey,
        direction: ctx.direction,
        sourceKey: item.key,
        sourceRecord: item.source,
        link: null,
        primaryKeys: ctx.primaryKeys,
      });
      if (plan.action === "skip") {
        out.push({ ...item, target: null, note: plan.reason });
        continue;
      }
      field = plan.match?.field ?? null;
      value = plan.match?.value ?? null;
    }
    if (!field || value === null) {
      out.push({ ...item, target: null, note: "no match key: would insert" });
      continue;
    }
    const [found] = await connector.readByKeys(ctx.targetObject, field, [value]);
    out.push({
      ...item,
      target: found ?? null,
      note: found ? `found by ${field} = ${value}` : `no target with ${field} = ${value}`,
    });
  }
  return { out };
}

function compareItems(node: FlowDraftNode, items: TestItem[]): HandleOutputs {
  const config = parseConfig(node, compareConfigSchema);
  const out: TestItem[] = [];
  for (const item of items) {
    const result = compareToLastSynced({
      mapped: item.values ?? {},
      targetCurrent: item.target ?? null,
      ignoreFields: config.ignoreFields,
      options: config,
    });
    if (result.equal) {
      // Equal records stop here: that is the loop breaker at work.
      out.push({ ...item, note: `skipped-equal (${result.reason})` });
    } else {
      const changed = result.changedFields.join(", ") || "none";
      out.push({ ...item, note: `${result.reason}: ${changed}` });
    }
  }
  return { out: out.filter((i) => !i.note?.startsWith("skipped-equal")), skipped: out };
}

function previewWrites(node: FlowDraftNode, items: TestItem[]): HandleOutputs {
  const out = items.map((item): TestItem => {
    switch (node.type) {
      case "upsert":
        return {
          ...item,
          note: item.target ? "would update (not written)" : "would create (not written)",
        };
      case "delete":
        return { ...item, note: "only deleted records are deleted; none in a sample" };
      default:
        return { ...item, note: "would write the new key back (not written)" };
    }
  });
  return { out };
}

/** Runs one node over its input; triggers are handled by the caller (they load the sample). */
export async function runTestNode(
  node: FlowDraftNode,
  items: TestItem[],
  ctx: TestContext,
): Promise<HandleOutputs> {
  switch (node.type) {
    case "map":
      return mapItems(node, items);
    case "filter":
      return filterItems(node, items);
    case "lookup":
      return lookupItems(node, items, ctx);
    case "compare":
      return compareItems(node, items);
    case "upsert":
    case "delete":
    case "write-back":
      return previewWrites(node, items);
    default:
      return { out: items };
  }
}
