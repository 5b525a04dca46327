import type { FlowNode } from "@duplex/core";
import { loadBatch, recordStep, replaceOutcomes, saveBatch, saveDeferred } from "@duplex/db";
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
    case "trigger.poll":
    case "trigger.change-stream":
    case "trigger.schedule":
    case "trigger.webhook":
      return { outputs: { out: items } };
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
  const loaded = await Promise.all(input.inputBatchIds.map((id) => loadBatch(ctx.db, id)));
  const items = parseWorkItems(loaded.flat());
  const base = {
    runId: ctx.run.id,
    nodeId: node.id,
    nodeType: node.type,
    attempts: input.attempt,
    startedAt,
    inputBatchId: input.inputBatchIds[0] ?? null,
  };
  await recordStep(ctx.db, { ...base, status: "running", inputSummary: summarize(items) });
  try {
    const output = await dispatch(ctx, node, items);
    const isTerminal = !ctx.flow.edges.some((e) => e.source === node.id);
    const handles = Object.entries(output.outputs).map(([handle, batch]): [string, WorkItem[]] => [
      handle,
      isTerminal ? closeUnfinished(node, batch) : batch,
    ]);
    const all = handles.flatMap(([, batch]) => batch);
    await persistLinks(ctx, node.id, all);
    await replaceOutcomes(ctx.db, ctx.run.id, node.id, outcomeRows(ctx, node.id, all));
    const deferred = all.filter(
      (i) => i.result?.nodeId === node.id && i.result.outcome === "deferred",
    );
    await saveDeferred(
      ctx.db,
      ctx.flowId,
      deferred.map((i) => ({
        sourceKey: i.change.key,
        change: i.change,
        reason: i.result?.reason ?? "deferred",
      })),
    );
    const outputs: Record<string, string> = {};
    for (const [handle, batch] of handles) {
      if (batch.length > 0) outputs[handle] = await saveBatch(ctx.db, ctx.run.id, node.id, batch);
    }
    const summary = summarize(all);
    await recordStep(ctx.db, {
      ...base,
      status: "succeeded",
      finishedAt: new Date(),
      inputSummary: summarize(items),
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
      inputSummary: summarize(items),
    });
    throw error;
  }
}
