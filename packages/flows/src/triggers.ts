import { type FlowDefinition, flowDefinitionSchema } from "@duplex/core";
import {
  type Client,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
} from "@temporalio/client";
import { triggerOf } from "./engine/run-context";
import { flowLoopWorkflowId } from "./replay";

export function flowScheduleId(flowId: string): string {
  return `schedule-${flowId}`;
}

export type ActivationResult =
  | { kind: "schedule"; scheduleId: string }
  | { kind: "loop"; workflowId: string }
  | { kind: "webhook" };

/**
 * Starts what runs an active flow, by its trigger: a Temporal Schedule for schedule triggers (one
 * run over pending changes per tick, overlapping ticks skipped), a long-lived trigger loop for poll
 * and change-stream triggers, and nothing for webhooks (each request starts a run). Idempotent.
 */
export async function activateFlow(
  client: Client,
  taskQueue: string,
  flowId: string,
  publishedDefinition: unknown,
): Promise<ActivationResult> {
  const flow: FlowDefinition = flowDefinitionSchema.parse(publishedDefinition);
  const trigger = triggerOf(flow);
  if (trigger.type === "trigger.webhook") return { kind: "webhook" };
  if (trigger.type === "trigger.schedule") {
    const scheduleId = flowScheduleId(flowId);
    const spec = trigger.config.cron
      ? { cronExpressions: [trigger.config.cron] }
      : { intervals: [{ every: `${trigger.config.intervalSeconds ?? 900}s` }] };
    const action = {
      type: "startWorkflow" as const,
      workflowType: "syncFlowWorkflow",
      args: [{ flowId, once: true }],
      taskQueue,
      workflowId: `flow-${flowId}-scheduled`,
    };
    const existing = client.schedule.getHandle(scheduleId);
    try {
      await existing.describe();
      await existing.update((previous) => ({
        ...previous,
        spec,
        action,
        state: { ...previous.state, paused: false },
      }));
    } catch {
      await client.schedule.create({
        scheduleId,
        spec,
        action,
        policies: { overlap: ScheduleOverlapPolicy.SKIP },
      });
    }
    return { kind: "schedule", scheduleId };
  }
  const workflowId = flowLoopWorkflowId(flowId);
  try {
    await client.workflow.start("syncFlowWorkflow", { taskQueue, workflowId, args: [{ flowId }] });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return { kind: "loop", workflowId };
}

/** Stops whatever activateFlow started. The watermark stays, so a later activation resumes. */
export async function deactivateFlow(client: Client, flowId: string): Promise<void> {
  await client.schedule
    .getHandle(flowScheduleId(flowId))
    .delete()
    .catch(() => {});
  await client.workflow
    .getHandle(flowLoopWorkflowId(flowId))
    .cancel()
    .catch(() => {});
}
