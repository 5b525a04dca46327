import {
  createRun,
  type Database,
  getFlow,
  getRun,
  listOutcomes,
  listSteps,
  loadBatch,
  saveBatch,
  updateRun,
} from "@duplex/db";
import type { Client } from "@temporalio/client";
import { changeSchema, parseWorkItems, type WorkItem } from "./engine/work-item";

export type ReplayMode = "all" | "failed" | "record";

export interface ReplayRequest {
  runId: string;
  mode: ReplayMode;
  /** mode "record": the source key of the record to replay. */
  sourceKey?: string;
  /** Resume at this node with the input it had in the original run (the recorded claim check). */
  fromStep?: string;
  /** Run on the flow's current published version instead of the original one. */
  latestVersion?: boolean;
}

export class ReplayError extends Error {
  override readonly name = "ReplayError";
}

/** The keys a replay is limited to: every record, the failed ones, or one. */
async function selectedKeys(db: Database, request: ReplayRequest): Promise<Set<string> | null> {
  if (request.mode === "all") return null;
  if (request.mode === "record") {
    if (!request.sourceKey) throw new ReplayError("replaying one record needs its source key");
    return new Set([request.sourceKey]);
  }
  const failed = await listOutcomes(db, request.runId, "failed");
  if (failed.length === 0)
    throw new ReplayError(`run ${request.runId} has no failed records to replay`);
  return new Set(failed.map((o) => o.sourceKey));
}

/**
 * Creates a replay as a new run linked to its original. Its input is either the original trigger
 * batch or, with `fromStep`, the batch that step received (so succeeded steps are not repeated),
 * limited to the selected records. Writes are idempotent upserts, so nothing is duplicated.
 */
export async function createReplayRun(
  db: Database,
  request: ReplayRequest,
): Promise<{ runId: string; count: number }> {
  const original = await getRun(db, request.runId);
  const keys = await selectedKeys(db, request);
  let items: WorkItem[];
  let startNodeId: string | null = null;
  if (request.fromStep) {
    const step = (await listSteps(db, request.runId)).find((s) => s.nodeId === request.fromStep);
    if (!step?.inputBatchId)
      throw new ReplayError(`run ${request.runId} never reached step "${request.fromStep}"`);
    items = parseWorkItems(await loadBatch(db, step.inputBatchId)).map((item) => ({
      change: item.change,
      ...stripResult(item),
    }));
    startNodeId = request.fromStep;
  } else {
    if (!original.inputBatchId) throw new ReplayError(`run ${request.runId} has no recorded input`);
    items = parseWorkItems(await loadBatch(db, original.inputBatchId)).map((item) => ({
      change: changeSchema.parse(item.change),
    }));
  }
  if (keys) items = items.filter((item) => keys.has(item.change.key));
  if (items.length === 0) throw new ReplayError("no records match the replay request");

  let flowVersionId = original.flowVersionId;
  if (request.latestVersion) {
    const flow = await getFlow(db, original.flowId);
    if (!flow?.publishedVersionId) throw new ReplayError("the flow has no published version");
    flowVersionId = flow.publishedVersionId;
  }
  const run = await createRun(db, {
    syncId: original.syncId,
    flowId: original.flowId,
    flowVersionId,
    direction: original.direction,
    trigger: "replay",
    status: "queued",
    replayOf: original.id,
    replayMode: request.fromStep ? `${request.mode}@${request.fromStep}` : request.mode,
    startNodeId,
  });
  const batchId = await saveBatch(db, run.id, startNodeId ?? "trigger", items);
  await updateRun(db, run.id, { inputBatchId: batchId });
  return { runId: run.id, count: items.length };
}

/** A step's recorded input minus any outcome a previous attempt gave it. */
function stripResult(item: WorkItem): Omit<WorkItem, "change"> {
  const { change: _change, result: _result, ...rest } = item;
  return rest;
}

export function flowLoopWorkflowId(flowId: string): string {
  return `flow-${flowId}`;
}

export function runWorkflowId(runId: string): string {
  return `run-${runId}`;
}

/** Starts the interpreter for an existing run (replays, webhooks). */
export async function startRunWorkflow(client: Client, taskQueue: string, runId: string) {
  return client.workflow.start("runFlowWorkflow", {
    taskQueue,
    workflowId: runWorkflowId(runId),
    args: [{ runId }],
  });
}
