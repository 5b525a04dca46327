"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import {
  formatDuration,
  formatTime,
  isActive,
  prettyJson,
  type RunStep,
} from "@/lib/runs/run-format";
import { useTRPC } from "@/trpc/react";
import { ReplayPanel, ReplayStarted, useReplay } from "./replay-panel";
import { CountCells, LoadingRows, Panel, StatusBadge, tdClass, thClass } from "./run-bits";
import { RunOutcomes } from "./run-outcomes";

/** /runs/[runId]: header, steps in execution order, per-record outcomes and replay. */
export function RunView({ runId, canOperate }: { runId: string; canOperate: boolean }) {
  const trpc = useTRPC();
  const run = useQuery(
    trpc.runs.get.queryOptions(
      { runId },
      { refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? 3000 : false) },
    ),
  );
  const replay = useReplay(runId);

  if (run.isPending) return <LoadingRows label="Loading the run" />;
  if (run.isError)
    return (
      <p role="alert" className="p-8 text-sm text-red-600">
        {run.error.message}
      </p>
    );
  const r = run.data;
  return (
    <main className="mx-auto max-w-6xl space-y-5 py-2">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link href={`/syncs/${r.syncId}/runs`} className="hover:text-slate-900">
            ← Runs of this sync
          </Link>
        </nav>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-xl font-semibold text-slate-900">Run {r.id.slice(0, 8)}</h1>
          <StatusBadge status={r.status} />
          {isActive(r.status) ? <span className="text-xs text-sky-700">refreshing…</span> : null}
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
          <Item label="Direction">{r.direction}</Item>
          <Item label="Trigger">{r.trigger}</Item>
          <Item label="Started">{formatTime(r.startedAt)}</Item>
          <Item label="Finished">{formatTime(r.finishedAt)}</Item>
          <Item label="Records">
            <CountCells counts={r.outcomeCounts} />
          </Item>
          {r.replayOf ? (
            <Item label="Replay of">
              <Link href={`/runs/${r.replayOf}`} className="font-mono text-indigo-700 underline">
                {r.replayOf.slice(0, 8)}
              </Link>{" "}
              ({r.replayMode})
            </Item>
          ) : null}
          {r.replays.length > 0 ? (
            <Item label="Replayed as">
              {r.replays.map((p) => (
                <Link
                  key={p.id}
                  href={`/runs/${p.id}`}
                  className="mr-2 font-mono text-indigo-700 underline"
                >
                  {p.id.slice(0, 8)} ({p.status})
                </Link>
              ))}
            </Item>
          ) : null}
        </dl>
        {r.error ? (
          <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {r.error}
          </p>
        ) : null}
      </div>
      {canOperate ? (
        <ReplayPanel steps={r.steps} failedCount={r.outcomeCounts.failed ?? 0} replay={replay} />
      ) : (
        <ReplayStarted replay={replay} />
      )}
      <Steps steps={r.steps} />
      <RunOutcomes runId={runId} live={isActive(r.status)} replay={canOperate ? replay : null} />
    </main>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-slate-800">{children}</dd>
    </div>
  );
}

function Steps({ steps }: { steps: RunStep[] }) {
  return (
    <Panel title={`Steps (${steps.length})`}>
      {steps.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">No step has run yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Steps in execution order</caption>
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              {["#", "Node", "Type", "Status", "Attempts", "Duration", "Details"].map((h) => (
                <th key={h} scope="col" className={thClass}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {steps.map((s, i) => (
              <tr key={`${s.nodeId}-${s.startedAt}`}>
                <td className={`${tdClass} text-slate-400`}>{i + 1}</td>
                <td className={`${tdClass} font-mono text-xs`}>{s.nodeId}</td>
                <td className={tdClass}>{s.nodeType}</td>
                <td className={`${tdClass} ${s.status === "failed" ? "text-red-700" : ""}`}>
                  {s.status}
                </td>
                <td className={tdClass}>{s.attempts}</td>
                <td className={`${tdClass} whitespace-nowrap`}>{formatDuration(s.durationMs)}</td>
                <td className={`${tdClass} w-1/2 space-y-1`}>
                  {s.error ? <p className="text-xs break-all text-red-700">{s.error}</p> : null}
                  <Summary label="Input" value={s.inputSummary} />
                  <Summary label="Output" value={s.outputSummary} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

/** A collapsible, pretty-printed JSON summary (<details> is keyboard-operable as is). */
function Summary({ label, value }: { label: string; value: unknown }) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-indigo-700 select-none">{label}</summary>
      <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] leading-snug text-slate-800">
        {prettyJson(value)}
      </pre>
    </details>
  );
}
