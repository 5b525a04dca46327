import type { FlowNode } from "@duplex/core";
import { loadBatch, recordStep, replaceOutcomes, saveBatch, saveDeferred } from "@duplex/db";
import { batchCache } from "./batch-cache";
import { outcomeRows, persistLinks, summarize } from "./persist";
import type { RunContext } from "./run-context";
import { runCompare } from "./steps/compare";
import { runDelete } from "./steps/delete";
import { runFilter } from "./steps/filter";
import { runLookup } from "./steps/lookup";
import { runMap } from "./steps/map";
import type { StepOutput } from "./steps/types";
import { runUpsert } from "./steps/upsert";
import { runWriteBack } from "./steps/write-back";
import { finish, parseWorkItems, type WorkItem } from "./work-item";

export interface ExecuteStepInput {
  runId: string;
  nodeId: string;
  inputBatchIds: string[];
  attempt: number;
}

export interface ExecuteStepResult {
  /** Batch id per output handle that has items. */
  outputs: Record<string, string>;
  counts: Record<string, number>;
}

async function dispatch(ctx: RunContext, node: FlowNode, items: WorkItem[]): Promise<StepOutput> {
  switch (node.type) {
    case "trigger.webhook":
      // The payload is the data; a replay of it re-reads the source like any other trigger.
      return {
        outputs: { out: ctx.run.replayOf ? await refreshFromSource(ctx, node, items) : items },
      };
    case "trigger.poll":
    case "trigger.change-stream":
    case "trigger.schedule":
      return { outputs: { out: await refreshFromSource(ctx, node, items) } };
    case "filter":
      return runFilter(
        node,
        items,
        ctx.flow.edges.some((e) => e.source === node.id && e.sourceHandle === "else"),
      );
    case "map":
      return runMap(ctx, node, items);
    case "lookup":
      return runLookup(ctx, node, items);
    case "compare":
      return runCompare(ctx, node, items);
    case "upsert":
      return runUpsert(ctx, node, items);
    case "delete":
      return runDelete(ctx, node, items);
    case "write-back":
      return runWriteBack(ctx, node, items);
  }
}

/**
 * A change is a notification; the truth is the source record as it is now. Re-reading it (one
 * batched read) means a change captured before Duplex overwrote the record is judged on the
 * current values, which is what makes conflict policies and echo suppression hold when both
 * sides changed between runs. It also means a replay picks up data fixed since the failure.
 * A record gone from the source is skipped: its delete follows as its own change.
 */
async function refreshFromSource(
  ctx: RunContext,
  node: FlowNode,
  items: WorkItem[],
): Promise<WorkItem[]> {
  const keys = items.filter((i) => !i.result && i.change.op === "upsert").map((i) => i.change.key);
  if (keys.length === 0) return items;
  const pk = ctx.source.descriptor.primaryKey;
  const rows = await ctx.source.connector.readByKeys(ctx.source.object, pk, keys);
  const byKey = new Map(rows.map((row) => [String(row[pk]), row]));
  return items.map((item) => {
    if (item.result || item.change.op !== "upsert") return item;
    const current = byKey.get(item.change.key);
    if (!current) {
      return finish(item, {
        outcome: "skipped-filtered",
        nodeId: node.id,
        targetKey: null,
        reason: "no longer in the source; its delete follows",
      });
    }
    return { ...item, change: { ...item.change, record: current } };
  });
}

/** Records that reach the end of the graph without an outcome were never written: say why. */
function closeUnfinished(node: FlowNode, items: WorkItem[]): WorkItem[] {
  return items.map((item) => {
    if (item.result) return item;
    const reason =
      item.change.op === "delete"
        ? "the flow has no delete node"
        : "the flow ended before a write node";
    return finish(item, { outcome: "skipped-filtered", nodeId: node.id, targetKey: null, reason });
  });
}

/**
 * The input batch's id when a step handed every item on untouched (a delete node in a batch with
 * no deletes): storing an identical copy of a large batch costs as much as the step itself.
 */
function unchangedInput(
  inputBatchIds: string[],
  items: WorkItem[],
  handles: Array<[string, WorkItem[]]>,
): string | null {
  const [only, ...more] = inputBatchIds;
  const filled = handles.filter(([, batch]) => batch.length > 0);
  const batch = filled.length === 1 ? filled[0]?.[1] : undefined;
  if (!only || more.length > 0 || !batch || batch.length !== items.length) return null;
  return batch.every((item, i) => item === items[i]) ? only : null;
}

/**
 * One node over one batch: load the input batches (claim checks), apply the node, persist links,
 * outcomes and deferred changes, store each output handle's batch, and record the step.
 */
export async function executeStep(
  ctx: RunContext,
  input: ExecuteStepInput,
): Promise<ExecuteStepResult> {
  const startedAt = new Date();
  const node = ctx.flow.nodes.find((n) => n.id === input.nodeId);
  if (!node)
    throw new Error(`node ${input.nodeId} is not in flow version ${ctx.run.flowVersionId}`);
  const loaded = await Promise.all(
    input.inputBatchIds.map(
      async (id) => batchCache.get(id) ?? parseWorkItems(await loadBatch(ctx.db, id)),
    ),
  );
  const items = loaded.flat();
  const base = {
    runId: ctx.run.id,
    nodeId: node.id,
    nodeType: node.type,
    attempts: input.attempt,
    startedAt,
    inputBatchId: input.inputBatchIds[0] ?? null,
  };
  // Summarised once: a 10,000-record batch is not cheap to walk and stringify.
  const inputSummary = summarize(items);
  await recordStep(ctx.db, { ...base, status: "running", inputSummary });
  try {
    const output = await dispatch(ctx, node, items);
    const isTerminal = !ctx.flow.edges.some((e) => e.source === node.id);
    const handles = Object.entries(output.outputs).map(([handle, batch]): [string, WorkItem[]] => [
      handle,
      isTerminal ? closeUnfinished(node, batch) : batch,
    ]);
    const all = handles.flatMap(([, batch]) => batch);
    const deferred = all.filter(
      (i) => i.result?.nodeId === node.id && i.result.outcome === "deferred",
    );
    const reused = unchangedInput(input.inputBatchIds, items, handles);
    const saveOutput = async ([handle, batch]: [string, WorkItem[]]): Promise<[string, string]> => {
      if (reused) return [handle, reused];
      const batchId = await saveBatch(ctx.db, ctx.run.id, node.id, batch);
      batchCache.set(batchId, batch);
      return [handle, batchId];
    };
    // These writes are independent of each other; on separate connections Postgres does them
    // side by side instead of one after another. A failure fails the step, and its retry
    // overwrites links and outcomes and saves fresh batches, as it would after a sequential one.
    const [, , , saved] = await Promise.all([
      persistLinks(ctx, node.id, all),
      replaceOutcomes(ctx.db, ctx.run.id, node.id, outcomeRows(ctx, node.id, all)),
      saveDeferred(
        ctx.db,
        ctx.flowId,
        deferred.map((i) => ({
          sourceKey: i.change.key,
          change: i.change,
          reason: i.result?.reason ?? "deferred",
        })),
      ),
      Promise.all(handles.filter(([, batch]) => batch.length > 0).map(saveOutput)),
    ]);
    const outputs: Record<string, string> = Object.fromEntries(saved);
    const summary = summarize(all);
    await recordStep(ctx.db, {
      ...base,
      status: "succeeded",
      finishedAt: new Date(),
      inputSummary,
      outputSummary: summary,
      outputBatchId: Object.values(outputs)[0] ?? null,
    });
    const counts = summary.counts;
    return {
      outputs,
      counts:
        typeof counts === "object" && counts !== null
          ? Object.fromEntries(Object.entries(counts))
          : {},
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordStep(ctx.db, {
      ...base,
      status: "failed",
      finishedAt: new Date(),
      error: message,
      inputSummary,
    });
    throw error;
  }
}
