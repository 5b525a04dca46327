"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import {
  buildReplayRequest,
  describeReplay,
  type ReplayChoice,
  type ReplayMode,
  type RunStep,
} from "@/lib/runs/run-format";
import { useTRPC } from "@/trpc/react";

export type Replay = ReturnType<typeof useReplay>;

/** `runs.replay` for one run: toasts the outcome and remembers the new run for a link. */
export function useReplay(runId: string) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.runs.replay.mutationOptions({
      onSuccess: (result) => {
        toast.show("success", `Replay started with ${result.records} record(s).`);
        void queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey({ runId }) });
      },
      onError: toast.error,
    }),
  );
  // "From step" and "latest version" apply to every replay of this page, the per-record ones too.
  const [fromStep, setFromStep] = useState("");
  const [latestVersion, setLatestVersion] = useState(false);
  const start = (mode: ReplayMode, sourceKey?: string) => {
    try {
      mutation.mutate(buildReplayRequest(runId, { mode, sourceKey, fromStep, latestVersion }));
    } catch (error) {
      toast.error(error);
    }
  };
  return {
    start,
    fromStep,
    setFromStep,
    latestVersion,
    setLatestVersion,
    pending: mutation.isPending,
    started: mutation.data ?? null,
  };
}

export function ReplayStarted({ replay }: { replay: Replay }) {
  if (!replay.started) return null;
  return (
    <p
      role="status"
      className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
    >
      Replay started ({replay.started.records} record(s)):{" "}
      <Link href={`/runs/${replay.started.runId}`} className="font-medium underline">
        open run {replay.started.runId.slice(0, 8)}
      </Link>
    </p>
  );
}

const modes: { value: Exclude<ReplayMode, "record">; label: string }[] = [
  { value: "all", label: "Whole run" },
  { value: "failed", label: "Failed records only" },
];

/** Operators: replay the whole run or its failed records, optionally from a step. */
export function ReplayPanel({
  steps,
  failedCount,
  replay,
}: {
  steps: RunStep[];
  failedCount: number;
  replay: Replay;
}) {
  const [mode, setMode] = useState<Exclude<ReplayMode, "record">>("all");
  const { fromStep, latestVersion } = replay;
  const choice: ReplayChoice = { mode, fromStep, latestVersion };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    replay.start(mode);
  };
  return (
    <form
      onSubmit={submit}
      aria-labelledby="replay-heading"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
    >
      <h2 id="replay-heading" className="text-sm font-semibold text-slate-900">
        Replay
      </h2>
      <div className="flex flex-wrap items-end gap-4">
        <fieldset className="flex gap-3 text-sm">
          <legend className="sr-only">Records to replay</legend>
          {modes.map((m) => (
            <label key={m.value} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="replay-mode"
                value={m.value}
                checked={mode === m.value}
                disabled={m.value === "failed" && failedCount === 0}
                onChange={() => setMode(m.value)}
              />
              {m.label}
              {m.value === "failed" ? ` (${failedCount})` : ""}
            </label>
          ))}
        </fieldset>
        <div className="w-56 space-y-1">
          <label htmlFor="replay-from-step" className="block text-xs font-medium text-slate-700">
            From step
          </label>
          <select
            id="replay-from-step"
            className={inputClass}
            value={fromStep}
            onChange={(e) => replay.setFromStep(e.target.value)}
          >
            <option value="">The trigger (start)</option>
            {steps.map((s) => (
              <option key={s.nodeId} value={s.nodeId}>
                {s.nodeId} ({s.nodeType})
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-1.5 text-sm">
          <input
            type="checkbox"
            checked={latestVersion}
            onChange={(e) => replay.setLatestVersion(e.target.checked)}
          />
          Use the latest published version
        </label>
        <Button type="submit" variant="primary" disabled={replay.pending}>
          {replay.pending ? "Starting…" : "Replay"}
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        {describeReplay(choice)}. The Replay buttons on failed records below use the same step and
        version. A replay is a new run linked to this one; writes are idempotent upserts.
      </p>
      <ReplayStarted replay={replay} />
    </form>
  );
}
