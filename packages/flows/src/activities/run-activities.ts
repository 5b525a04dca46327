import { ConnectorError } from "@duplex/connectors";
import { flowDefinitionSchema, syncDefinitionSchema } from "@duplex/core";
import {
  clearDeferred,
  countOutcomes,
  type Database,
  getFlowVersion,
  getRun,
  listDeferred,
  listOutcomes,
  updateRun,
} from "@duplex/db";
import { Context } from "@temporalio/activity";
import { ApplicationFailure } from "@temporalio/common";
import { ZodError } from "zod";
import type { ConnectorProvider } from "../connectors/provider";
import { type ExecuteStepResult, executeStep } from "../engine/execute-step";
import { planSteps, type RunPlan } from "../engine/plan";
import { loadRunContext, triggerOf } from "../engine/run-context";
import { RunContextCache } from "../engine/run-context-cache";

export interface RunActivityDeps {
  db: Database;
  connectors: ConnectorProvider;
}

/** Temporal retries plain errors; these are the ones that can never succeed on a retry. */
function classify(error: unknown): unknown {
  if (error instanceof ConnectorError && !error.transient) {
    return ApplicationFailure.create({
      message: error.message,
      type: `ConnectorError.${error.code}`,
      nonRetryable: true,
      cause: error,
    });
  }
  if (error instanceof ZodError) {
    return ApplicationFailure.create({
      message: `invalid definition: ${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      type: "InvalidDefinition",
      nonRetryable: true,
    });
  }
  return error;
}

export interface RunSummary {
  runId: string;
  status: "succeeded" | "partially-failed" | "failed";
  counts: Record<string, number>;
}

export function createRunActivities({ db, connectors }: RunActivityDeps) {
  // One run's steps run one after another, usually on this worker; a few dozen runs in flight
  // at once is far more than one worker's activity slots.
  const contexts = new RunContextCache(64, 60_000);
  return {
    async planRun({ runId }: { runId: string }): Promise<RunPlan & { inputBatchId: string }> {
      const run = await getRun(db, runId);
      const version = await getFlowVersion(db, run.flowVersionId);
      if (!version)
        throw ApplicationFailure.nonRetryable(`flow version ${run.flowVersionId} is missing`);
      if (!run.inputBatchId)
        throw ApplicationFailure.nonRetryable(`run ${runId} has no input batch`);
      const flow = flowDefinitionSchema.parse(version.definition);
      const sync = syncDefinitionSchema.parse(version.syncDefinition);
      const plan = planSteps(flow, run.startNodeId ?? triggerOf(flow).id, sync.retry);
      await updateRun(db, runId, {
        status: "running",
        startedAt: run.startedAt ?? new Date(),
        workflowId: Context.current().info.workflowExecution?.workflowId ?? null,
      });
      return { ...plan, inputBatchId: run.inputBatchId };
    },

    async executeStep(input: {
      runId: string;
      nodeId: string;
      inputBatchIds: string[];
    }): Promise<ExecuteStepResult> {
      // Heartbeats let Temporal notice a dead worker within the heartbeat timeout and retry the
      // step elsewhere, instead of waiting out the whole start-to-close timeout. Local
      // activities (the pure steps) run inside the workflow task, which has its own liveness.
      const context = Context.current();
      const heartbeat = context.info.isLocal
        ? undefined
        : setInterval(() => context.heartbeat(), 2_000);
      try {
        const ctx = await contexts.get(input.runId, () =>
          loadRunContext(db, connectors, input.runId),
        );
        return await executeStep(ctx, { ...input, attempt: context.info.attempt });
      } catch (error) {
        contexts.evict(input.runId);
        throw classify(error);
      } finally {
        clearInterval(heartbeat);
      }
    },

    async finishRun({ runId, error }: { runId: string; error?: string }): Promise<RunSummary> {
      contexts.evict(runId);
      const counts = await countOutcomes(db, runId);
      const failed = (counts.failed ?? 0) > 0;
      const status: RunSummary["status"] = error
        ? "failed"
        : failed
          ? "partially-failed"
          : "succeeded";
      await updateRun(db, runId, { status, counts, finishedAt: new Date(), error: error ?? null });
      // A record that ended any other way than deferred no longer waits for its parent. Reading
      // every outcome of a large run only to find there was nothing deferred is most of the cost
      // of finishing it, so look first.
      const run = await getRun(db, runId);
      if ((await listDeferred(db, run.flowId, 1)).length === 0) return { runId, status, counts };
      const outcomes = await listOutcomes(db, runId);
      const settled = outcomes.filter((o) => o.outcome !== "deferred").map((o) => o.sourceKey);
      const stillDeferred = new Set(
        outcomes.filter((o) => o.outcome === "deferred").map((o) => o.sourceKey),
      );
      await clearDeferred(
        db,
        run.flowId,
        settled.filter((k) => !stillDeferred.has(k)),
      );
      return { runId, status, counts };
    },
  };
}
