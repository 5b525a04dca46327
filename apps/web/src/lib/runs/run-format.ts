import type { AppRouter } from "@duplex/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type RunListItem = Outputs["runs"]["list"]["items"][number];
export type RunDetail = Outputs["runs"]["get"];
export type RunStep = RunDetail["steps"][number];
export type OutcomeRow = Outputs["runs"]["outcomes"]["items"][number];
export type Outcome = OutcomeRow["outcome"];
export type RunStatus = RunListItem["status"];
export type ReplayRequest = Inputs["runs"]["replay"];
export type ReplayMode = ReplayRequest["mode"];

/** Every outcome the API reports, in the order the filter offers them. */
export const outcomeOptions = [
  "created",
  "updated",
  "skipped-equal",
  "skipped-no-external-id",
  "skipped-filtered",
  "skipped-conflict",
  "deleted",
  "failed",
  "deferred",
] as const satisfies readonly Outcome[];

export function isOutcome(value: string): value is Outcome {
  return outcomeOptions.some((o) => o === value);
}

/** Runs still moving: the console refreshes while one of these is on screen. */
export function isActive(status: RunStatus): boolean {
  return status === "running" || status === "queued";
}

export const statusStyle: Record<RunStatus, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  "partially-failed": "bg-amber-100 text-amber-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-600",
};

export interface CountCell {
  label: "created" | "updated" | "skipped" | "failed" | "deferred" | "deleted";
  value: number;
}

/**
 * A run's outcome counts folded into the columns the console shows: every `skipped-*` outcome is
 * one "skipped" figure; "deleted" appears only when something was deleted.
 */
export function summarizeCounts(counts: Record<string, number>): CountCell[] {
  let skipped = 0;
  for (const [key, n] of Object.entries(counts)) if (key.startsWith("skipped")) skipped += n;
  const cells: CountCell[] = [
    { label: "created", value: counts.created ?? 0 },
    { label: "updated", value: counts.updated ?? 0 },
    { label: "skipped", value: skipped },
    { label: "failed", value: counts.failed ?? 0 },
    { label: "deferred", value: counts.deferred ?? 0 },
  ];
  if ((counts.deleted ?? 0) > 0) cells.push({ label: "deleted", value: counts.deleted ?? 0 });
  return cells;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

export function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return "(nothing recorded)";
  return JSON.stringify(value, null, 2);
}

/** What the replay form holds; "" means "not chosen". */
export interface ReplayChoice {
  mode: ReplayMode;
  sourceKey?: string | undefined;
  fromStep: string;
  latestVersion: boolean;
}

/** The `runs.replay` input for a choice: options left at their defaults are not sent. */
export function buildReplayRequest(runId: string, choice: ReplayChoice): ReplayRequest {
  const request: ReplayRequest = { runId, mode: choice.mode };
  if (choice.mode === "record") {
    const key = choice.sourceKey?.trim() ?? "";
    if (key === "") throw new Error("Replaying one record needs its source key.");
    request.sourceKey = key;
  }
  if (choice.fromStep !== "") request.fromStep = choice.fromStep;
  if (choice.latestVersion) request.latestVersion = true;
  return request;
}

export function describeReplay(choice: ReplayChoice): string {
  const what =
    choice.mode === "all"
      ? "every record"
      : choice.mode === "failed"
        ? "the failed records"
        : `record ${choice.sourceKey ?? ""}`;
  const from = choice.fromStep ? ` from step ${choice.fromStep}` : "";
  const version = choice.latestVersion ? " on the latest published version" : "";
  return `Replay ${what}${from}${version}`;
}
