import type { DuplexClient } from "../client";
import { UsageError } from "../errors";
import { countsText, type Output, renderTable } from "../output";
import { resolveSyncId } from "./sync";

export async function runsList(client: DuplexClient, out: Output, nameOrId: string | undefined) {
  const syncId = await resolveSyncId(client, nameOrId);
  const page = await client.runs.list.query({ syncId });
  out.print(page, () => ({
    columns: ["run", "direction", "status", "trigger", "created", "outcomes"],
    rows: page.items.map((r) => [
      r.id,
      r.direction,
      r.status,
      r.trigger,
      r.createdAt,
      countsText(r.counts),
    ]),
  }));
}

const MAX_OUTCOMES = 10_000;

export async function runsShow(client: DuplexClient, out: Output, runId: string | undefined) {
  if (!runId) throw new UsageError("Usage: runs show <runId>");
  const run = await client.runs.get.query({ runId });
  const outcomes = [];
  let cursor: number | undefined;
  do {
    const page = await client.runs.outcomes.query({
      runId,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    outcomes.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && outcomes.length < MAX_OUTCOMES);
  const detail = { ...run, outcomes };
  if (out.json) return out.print(detail);
  out.line(
    `Run ${run.id} (${run.direction}, ${run.status}, trigger ${run.trigger}${run.replayOf ? `, replay of ${run.replayOf}` : ""})`,
  );
  out.line(`Outcomes: ${countsText(run.outcomeCounts) || "none"}`);
  if (run.error) out.line(`Error: ${run.error}`);
  out.line("");
  out.line(
    renderTable({
      title: "Steps",
      columns: ["node", "type", "status", "attempts", "ms", "error"],
      rows: run.steps.map((s) => [
        s.nodeId,
        s.nodeType,
        s.status,
        s.attempts,
        s.durationMs,
        s.error,
      ]),
    }),
  );
  out.line("");
  out.line(
    renderTable({
      title: "Records",
      columns: ["object", "source key", "target key", "outcome", "node", "error"],
      rows: outcomes.map((o) => [
        o.object,
        o.sourceKey,
        o.targetKey,
        o.outcome,
        o.nodeId,
        typeof o.error?.message === "string"
          ? o.error.message
          : o.error
            ? JSON.stringify(o.error)
            : "",
      ]),
    }),
  );
}

export async function runsReplay(
  client: DuplexClient,
  out: Output,
  runId: string | undefined,
  options: {
    failedOnly?: boolean | undefined;
    fromStep?: string | undefined;
    latestVersion?: boolean | undefined;
  },
) {
  if (!runId)
    throw new UsageError(
      "Usage: runs replay <runId> [--failed-only] [--from-step <nodeId>] [--latest-version]",
    );
  const replay = await client.runs.replay.mutate({
    runId,
    mode: options.failedOnly ? "failed" : "all",
    ...(options.fromStep ? { fromStep: options.fromStep } : {}),
    ...(options.latestVersion ? { latestVersion: true } : {}),
  });
  out.print(replay, () => ({
    title: `Replay of ${runId} started`,
    columns: ["run", "records", "workflow"],
    rows: [[replay.runId, replay.records, replay.workflowId]],
  }));
}
