import { flowDefinitionSchema } from "@duplex/core";
import {
  type Database,
  type FlowRow,
  getFlowVersion,
  getSync,
  listFlows,
  type SyncRow,
  setSyncStatus,
} from "@duplex/db";
import { flowLoopWorkflowId, type RunSummary } from "@duplex/flows";
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from "@temporalio/client";
import { TRPCError } from "@trpc/server";
import { z } from "zod";

// Workflow results cross a process boundary: parse them rather than trust them.
const runSummarySchema = z.object({
  runId: z.string(),
  status: z.enum(["succeeded", "partially-failed", "failed"]),
  counts: z.record(z.string(), z.number()),
});

export type Direction = "a-to-b" | "b-to-a";

/** What the lifecycle needs from a request context. */
export interface LifecycleDeps {
  db: Database;
  temporal: () => Promise<Client>;
  taskQueue: string;
}

export interface FlowLoopState {
  flowId: string;
  direction: Direction;
  workflowId: string;
  /** Temporal's status name (RUNNING, CANCELLED, ...) or null when no loop was ever started. */
  status: string | null;
  /** Webhook flows have no loop: their trigger is the HTTP endpoint. */
  hasLoop: boolean;
}

async function requireSyncRow(db: Database, syncId: string): Promise<SyncRow> {
  const row = await getSync(db, syncId);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such sync." });
  return row;
}

/** The sync's flows with the trigger type of their published version (null: never published). */
async function publishedFlows(db: Database, syncId: string) {
  const flows = await listFlows(db, syncId);
  return Promise.all(
    flows.map(async (flow: FlowRow) => {
      const version = flow.publishedVersionId
        ? await getFlowVersion(db, flow.publishedVersionId)
        : undefined;
      const parsed = version ? flowDefinitionSchema.safeParse(version.definition) : null;
      const trigger = parsed?.success
        ? (parsed.data.nodes.find((n) => n.type.startsWith("trigger."))?.type ?? null)
        : null;
      return { flow, published: Boolean(version), trigger };
    }),
  );
}

/**
 * Starts one trigger loop (syncFlowWorkflow) per published flow, keyed by the flow so that a second
 * activation finds the loop already running instead of starting a twin. Every flow must be
 * published: a half-active two-way sync would move data one way only without saying so.
 */
export async function activateSync(deps: LifecycleDeps, syncId: string): Promise<FlowLoopState[]> {
  await requireSyncRow(deps.db, syncId);
  const flows = await publishedFlows(deps.db, syncId);
  const unpublished = flows.filter((f) => !f.published).map((f) => f.flow.direction);
  if (flows.length === 0 || unpublished.length > 0) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message:
        flows.length === 0
          ? "This sync has no flows to activate."
          : `Publish every flow first; not published: ${unpublished.join(", ")}.`,
    });
  }
  const client = await deps.temporal();
  for (const { flow, trigger } of flows) {
    if (trigger === "trigger.webhook") continue;
    try {
      await client.workflow.start("syncFlowWorkflow", {
        taskQueue: deps.taskQueue,
        workflowId: flowLoopWorkflowId(flow.id),
        args: [{ flowId: flow.id }],
      });
    } catch (error) {
      // Already running is the idempotent case: activation is a state, not an event.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  await setSyncStatus(deps.db, syncId, "active");
  return describeLoops(deps, syncId);
}

const STOP_WAIT_MS = 10_000;

/**
 * Cancels every loop (cancellation reaches the running child and its activities) and waits for
 * it to close; a loop that does not stop in time is terminated. Watermarks only move after a run
 * finished, so whatever was in flight is read again on resume; nothing is lost.
 */
export async function pauseSync(deps: LifecycleDeps, syncId: string): Promise<FlowLoopState[]> {
  await requireSyncRow(deps.db, syncId);
  const client = await deps.temporal();
  for (const flow of await listFlows(deps.db, syncId)) {
    const handle = client.workflow.getHandle(flowLoopWorkflowId(flow.id));
    try {
      const description = await handle.describe();
      if (description.status.name !== "RUNNING") continue;
      await handle.cancel();
      const stopped = await Promise.race([
        handle.result().then(
          () => true,
          () => true,
        ),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), STOP_WAIT_MS)),
      ]);
      if (!stopped) await handle.terminate("sync paused; the loop did not stop after cancel");
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  await setSyncStatus(deps.db, syncId, "paused");
  return describeLoops(deps, syncId);
}

export async function describeLoops(deps: LifecycleDeps, syncId: string): Promise<FlowLoopState[]> {
  const client = await deps.temporal();
  const flows = await publishedFlows(deps.db, syncId);
  return Promise.all(
    flows.map(async ({ flow, trigger }) => {
      const workflowId = flowLoopWorkflowId(flow.id);
      let status: string | null = null;
      try {
        status = (await client.workflow.getHandle(workflowId).describe()).status.name;
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
      return {
        flowId: flow.id,
        direction: flow.direction,
        workflowId,
        status,
        hasLoop: trigger !== "trigger.webhook",
      };
    }),
  );
}

export interface RunNowResult {
  direction: Direction;
  flowId: string;
  workflowId: string;
  /** With `wait`: the runs the pass made (none when nothing was pending). */
  runs?: RunSummary[];
}

/**
 * One pass over whatever is pending (syncFlowWorkflow with once: true) per direction. It may
 * overlap a running loop: both read from the same watermark and the compare node absorbs the
 * repeats, so the worst case is wasted reads, never duplicate writes.
 */
export async function runSyncNow(
  deps: LifecycleDeps,
  input: { syncId: string; direction?: Direction | undefined; wait?: boolean | undefined },
): Promise<RunNowResult[]> {
  await requireSyncRow(deps.db, input.syncId);
  const flows = (await publishedFlows(deps.db, input.syncId)).filter(
    (f) => !input.direction || f.flow.direction === input.direction,
  );
  if (flows.length === 0) {
    throw new TRPCError({
      code: "NOT_FOUND",
      message: input.direction
        ? `This sync has no ${input.direction} flow.`
        : "This sync has no flows.",
    });
  }
  const notReady = flows.filter((f) => !f.published || f.trigger === "trigger.webhook");
  if (notReady.length > 0) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `Cannot run ${notReady.map((f) => f.flow.direction).join(", ")}: ${
        notReady.some((f) => !f.published)
          ? "publish the flow first"
          : "webhook flows run when their endpoint is called"
      }.`,
    });
  }
  const client = await deps.temporal();
  const started = await Promise.all(
    flows.map(async ({ flow }) => {
      const workflowId = `run-now-${flow.id}-${crypto.randomUUID()}`;
      const handle = await client.workflow.start("syncFlowWorkflow", {
        taskQueue: deps.taskQueue,
        workflowId,
        args: [{ flowId: flow.id, once: true }],
      });
      return { direction: flow.direction, flowId: flow.id, workflowId, handle };
    }),
  );
  return Promise.all(
    started.map(async ({ handle, ...rest }) => {
      if (!input.wait) return rest;
      const runs: RunSummary[] = z.array(runSummarySchema).parse(await handle.result());
      return { ...rest, runs };
    }),
  );
}
