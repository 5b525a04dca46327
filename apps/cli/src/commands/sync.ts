import { checkSyncDocument, formatPath } from "@duplex/api/sync-document";
import type { DuplexClient } from "../client";
import { UsageError } from "../errors";
import { readJsonFile } from "../files";
import { countsText, type Output } from "../output";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A sync id from a name or id. Names need the viewer role to look up (syncs.list), so an
 * invoke-only API token must pass the id (`duplex sync run <id>`).
 */
export async function resolveSyncId(
  client: DuplexClient,
  nameOrId: string | undefined,
): Promise<string> {
  if (!nameOrId) throw new UsageError("Name the sync (its name or id).");
  if (UUID.test(nameOrId)) return nameOrId;
  const found = (await client.syncs.list.query()).find((s) => s.name === nameOrId);
  if (!found) throw new UsageError(`No sync named "${nameOrId}".`);
  return found.id;
}

function problemLines(problems: { path: (string | number)[]; message: string }[]): string[] {
  return problems.map((p) => `  ${formatPath(p.path) || "(document)"}: ${p.message}`);
}

export async function syncApply(client: DuplexClient, out: Output, file: string | undefined) {
  if (!file) throw new UsageError("Usage: sync apply <file.json>");
  const document = await readJsonFile(file);
  // Local first: every problem at once, with no round trip and nothing written.
  const checked = checkSyncDocument(document);
  if (!checked.ok) {
    throw new UsageError(
      `${file} has ${checked.problems.length} problem(s):`,
      problemLines(checked.problems),
    );
  }
  const result = await client.syncOps.applyDocument.mutate({ document });
  if (!result.applied) {
    throw new UsageError(
      `Duplex refused ${file} (${result.problems.length} problem(s)):`,
      problemLines(result.problems),
    );
  }
  out.print(result, () => ({
    title: `${result.created ? "Created" : "Updated"} and published sync ${result.syncId}`,
    columns: ["direction", "flow", "version"],
    rows: result.versions.map((v) => [v.direction, v.flowId, v.version]),
  }));
}

function loopsTable(loops: { direction: string; workflowId: string; status: string | null }[]) {
  return () => ({
    columns: ["direction", "loop workflow", "status"],
    rows: loops.map((l) => [l.direction, l.workflowId, l.status ?? "not started"]),
  });
}

export async function syncLifecycle(
  client: DuplexClient,
  out: Output,
  action: "activate" | "pause" | "resume",
  nameOrId: string | undefined,
) {
  const syncId = await resolveSyncId(client, nameOrId);
  const loops = await client.syncOps[action].mutate({ syncId });
  out.print(loops, loopsTable(loops));
}

const directionValues = ["a-to-b", "b-to-a"] as const;

export async function syncRun(
  client: DuplexClient,
  out: Output,
  nameOrId: string | undefined,
  options: { direction?: string | undefined; wait?: boolean | undefined },
) {
  const direction = directionValues.find((d) => d === options.direction);
  if (options.direction && !direction)
    throw new UsageError(`--direction must be a-to-b or b-to-a, not "${options.direction}".`);
  const syncId = await resolveSyncId(client, nameOrId);
  const started = await client.syncOps.runNow.mutate({
    syncId,
    ...(direction ? { direction } : {}),
    wait: options.wait ?? false,
  });
  out.print(started, () => ({
    columns: ["direction", "workflow", "run", "status", "outcomes"],
    rows: started.flatMap((s) =>
      s.runs === undefined
        ? [[s.direction, s.workflowId, "(started)", "", ""]]
        : s.runs.length === 0
          ? [[s.direction, s.workflowId, "(nothing pending)", "", ""]]
          : s.runs.map((r) => [s.direction, s.workflowId, r.runId, r.status, countsText(r.counts)]),
    ),
  }));
}
