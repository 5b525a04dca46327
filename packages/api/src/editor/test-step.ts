import type { Connector } from "@duplex/connectors";
import {
  ancestorsOf,
  type FlowDraft,
  flowDraftSchema,
  nodeCatalogue,
  pairField,
  type RecordValues,
  sourceSideOf,
  targetSideOf,
  topologicalOrder,
} from "@duplex/core";
import { z } from "zod";
import { type EditorDeps, EditorError, messageOf } from "./deps";
import { flowView, requireFlow } from "./flow-service";
import { objectKeyOf } from "./publish-service";
import { requireSync, syncDefinitionOf } from "./sync-service";
import {
  type HandleOutputs,
  runTestNode,
  type TestContext,
  type TestItem,
} from "./test-step-nodes";

/** Pasted samples stay small: they travel in one request and are echoed back per node. */
export const MAX_SAMPLE_JSON = 50_000;

export const testStepInputSchema = z.object({
  flowId: z.uuid(),
  nodeId: z.string().min(1),
  /** Unsaved edits can be tested too; without it the stored draft runs. */
  draft: flowDraftSchema.optional(),
  sample: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("live"), limit: z.number().int().min(1).max(20).default(5) }),
    z.object({ kind: z.literal("json"), json: z.string().min(1).max(MAX_SAMPLE_JSON) }),
  ]),
});

export interface NodeTestOutput {
  nodeId: string;
  type: string;
  status: "ok" | "failed";
  message?: string;
  counts: Record<string, number>;
  items: TestItem[];
}

const sampleRecordsSchema = z.union([
  z.array(z.record(z.string(), z.unknown())),
  z.record(z.string(), z.unknown()).transform((r) => [r]),
]);

function parseSample(json: string): RecordValues[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new EditorError("BAD_REQUEST", `The sample is not valid JSON: ${messageOf(error)}`);
  }
  const parsed = sampleRecordsSchema.safeParse(value);
  if (!parsed.success) {
    throw new EditorError("BAD_REQUEST", "The sample must be a JSON object or an array of objects");
  }
  return parsed.data.slice(0, 50);
}

function keyOf(record: RecordValues, primaryKey: string | undefined, index: number): string {
  const value = primaryKey ? record[primaryKey] : undefined;
  return typeof value === "string" || typeof value === "number"
    ? String(value)
    : `sample-${index + 1}`;
}

/**
 * Runs the flow up to `nodeId` on sample records and returns every node's output. It reads from
 * the source (and, for lookups, the target) but never writes: write nodes only say what they would
 * do. Pure core functions do the filtering, mapping and comparing, exactly as a run would.
 */
export async function runTestStep(
  deps: EditorDeps,
  raw: z.input<typeof testStepInputSchema>,
): Promise<NodeTestOutput[]> {
  const input = testStepInputSchema.parse(raw);
  const row = await requireFlow(deps, input.flowId);
  const syncRow = await requireSync(deps, row.syncId);
  const sync = syncDefinitionOf(syncRow);
  const draft: FlowDraft = input.draft ?? flowView(row).draft;
  if (!draft.nodes.some((n) => n.id === input.nodeId)) {
    throw new EditorError("BAD_REQUEST", `No node '${input.nodeId}' in this flow`);
  }
  const objectKey = objectKeyOf(draft, sync);
  const pair = sync.objects.find((o) => o.key === objectKey);
  if (!objectKey || !pair) throw new EditorError("BAD_REQUEST", "The flow has no object to test");
  const from = sourceSideOf(draft.direction);
  const to = targetSideOf(draft.direction);
  const connectionOf = (side: "a" | "b") =>
    side === "a" ? syncRow.connectionAId : syncRow.connectionBId;
  const objectOf = (side: "a" | "b") => (side === "a" ? pair.objectA : pair.objectB);

  const opened: Connector[] = [];
  const open = async (side: "a" | "b") => {
    const connector = await deps.openConnector(connectionOf(side));
    opened.push(connector);
    return connector;
  };
  let target: Promise<Connector> | undefined;
  try {
    const source = await open(from);
    const sourceDescriptor = await source.describeObject(objectOf(from));
    const targetDescriptor = await (await open(to)).describeObject(objectOf(to)).catch(() => null);
    const ctx: TestContext = {
      sync,
      direction: draft.direction,
      objectKey,
      targetObject: objectOf(to),
      primaryKeys: {
        [from]: pairField(pair, "keyField", from) ?? sourceDescriptor.primaryKey,
        ...(targetDescriptor
          ? { [to]: pairField(pair, "keyField", to) ?? targetDescriptor.primaryKey }
          : {}),
      },
      target: () => {
        target ??= open(to);
        return target;
      },
    };
    const records =
      input.sample.kind === "json"
        ? parseSample(input.sample.json)
        : (
            await source.readAll(objectOf(from), { cursor: null, pageSize: input.sample.limit })
          ).records.slice(0, input.sample.limit);
    const sample: TestItem[] = records.map((record, index) => ({
      key: keyOf(record, ctx.primaryKeys[from], index),
      source: record,
    }));
    return await walk(draft, input.nodeId, sample, ctx);
  } finally {
    await Promise.all(opened.map((c) => c.close().catch(() => {})));
  }
}

async function walk(
  draft: FlowDraft,
  nodeId: string,
  sample: TestItem[],
  ctx: TestContext,
): Promise<NodeTestOutput[]> {
  const wanted = ancestorsOf(draft, nodeId);
  wanted.add(nodeId);
  const order = topologicalOrder(draft).filter((id) => wanted.has(id));
  const outputs = new Map<string, HandleOutputs>();
  const results: NodeTestOutput[] = [];
  for (const id of order) {
    const node = draft.nodes.find((n) => n.id === id);
    if (!node) continue;
    const inputs = node.type.startsWith("trigger.")
      ? sample
      : draft.edges
          .filter((e) => e.target === id)
          .flatMap((e) => {
            const from = draft.nodes.find((n) => n.id === e.source);
            const handle = e.sourceHandle ?? (from ? nodeCatalogue[from.type].outputs[0] : "out");
            return outputs.get(e.source)?.[handle ?? "out"] ?? [];
          });
    try {
      const out = node.type.startsWith("trigger.")
        ? { out: inputs }
        : await runTestNode(node, inputs, ctx);
      outputs.set(id, out);
      const shown = out.skipped ?? Object.values(out).flat();
      const counts = Object.fromEntries(Object.entries(out).map(([h, items]) => [h, items.length]));
      results.push({
        nodeId: id,
        type: node.type,
        status: "ok",
        counts,
        items: shown.slice(0, 20),
      });
    } catch (error) {
      results.push({
        nodeId: id,
        type: node.type,
        status: "failed",
        message: messageOf(error),
        counts: {},
        items: [],
      });
      break;
    }
  }
  return results;
}
