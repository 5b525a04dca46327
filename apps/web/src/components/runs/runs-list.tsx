"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatTime, isActive } from "@/lib/runs/run-format";
import { useTRPC } from "@/trpc/react";
import { CountCells, LoadingRows, Panel, StatusBadge, tdClass, thClass } from "./run-bits";

const REFRESH_MS = 3000;

/** A sync's runs, newest first, paged by the API cursor; refreshes while a run is in flight. */
export function RunsList({ syncId }: { syncId: string }) {
  const trpc = useTRPC();
  // Explicit cursor paging: tRPC's infinite-query helper adds its own `direction` to the input,
  // which would clash with this procedure's direction filter.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const runs = useQuery(
    trpc.runs.list.queryOptions(
      { syncId, limit: 25, ...(cursor ? { cursor } : {}) },
      {
        placeholderData: keepPreviousData,
        refetchInterval: (query) =>
          query.state.data?.items.some((r) => isActive(r.status)) ? REFRESH_MS : false,
      },
    ),
  );
  const items = runs.data?.items ?? [];
  const nextCursor = runs.data?.nextCursor ?? null;
  const live = items.some((r) => isActive(r.status));

  return (
    <Panel
      title="Runs"
      actions={
        <>
          {live ? (
            <span className="text-xs text-sky-700" role="status">
              Refreshing every {REFRESH_MS / 1000} s while runs are in flight
            </span>
          ) : null}
          <Button size="sm" onClick={() => void runs.refetch()} disabled={runs.isFetching}>
            {runs.isFetching ? "Refreshing…" : "Refresh"}
          </Button>
        </>
      }
    >
      {runs.isPending ? (
        <LoadingRows label="Loading runs" />
      ) : runs.isError ? (
        <p role="alert" className="p-4 text-sm text-red-600">
          {runs.error.message}
        </p>
      ) : items.length === 0 ? (
        <div className="p-10 text-center">
          <p className="font-medium text-slate-900">No runs yet</p>
          <p className="mt-1 text-sm text-slate-500">
            Runs appear here once the sync is activated or run.
          </p>
        </div>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Runs of this sync, newest first</caption>
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th scope="col" className={thClass}>
                Run
              </th>
              <th scope="col" className={thClass}>
                Status
              </th>
              <th scope="col" className={thClass}>
                Direction
              </th>
              <th scope="col" className={thClass}>
                Trigger
              </th>
              <th scope="col" className={thClass}>
                Started
              </th>
              <th scope="col" className={thClass}>
                Finished
              </th>
              <th scope="col" className={thClass}>
                Records
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((run) => (
              <tr key={run.id} className="hover:bg-slate-50/60">
                <td className={tdClass}>
                  <Link
                    href={`/runs/${run.id}`}
                    className="font-mono text-xs text-indigo-700 hover:underline"
                  >
                    {run.id.slice(0, 8)}
                  </Link>
                  {run.replayOf ? (
                    <span className="block text-xs text-slate-500">
                      replay ({run.replayMode}) of{" "}
                      <Link
                        href={`/runs/${run.replayOf}`}
                        className="font-mono text-indigo-700 hover:underline"
                      >
                        {run.replayOf.slice(0, 8)}
                      </Link>
                    </span>
                  ) : null}
                </td>
                <td className={tdClass}>
                  <StatusBadge status={run.status} />
                  {run.error ? (
                    <span
                      className="mt-1 block max-w-56 truncate text-xs text-red-700"
                      title={run.error}
                    >
                      {run.error}
                    </span>
                  ) : null}
                </td>
                <td className={tdClass}>{run.direction}</td>
                <td className={tdClass}>{run.trigger}</td>
                <td className={`${tdClass} whitespace-nowrap`}>{formatTime(run.startedAt)}</td>
                <td className={`${tdClass} whitespace-nowrap`}>{formatTime(run.finishedAt)}</td>
                <td className={tdClass}>
                  <CountCells counts={run.counts} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursors.length > 0 || nextCursor ? (
        <nav
          aria-label="Run pages"
          className="flex justify-center gap-2 border-t border-slate-100 p-3"
        >
          <Button
            size="sm"
            disabled={cursors.length === 0}
            onClick={() => setCursors((all) => all.slice(0, -1))}
          >
            Newer runs
          </Button>
          <Button
            size="sm"
            disabled={!nextCursor || runs.isPlaceholderData}
            onClick={() => nextCursor && setCursors((all) => [...all, nextCursor])}
          >
            Older runs
          </Button>
        </nav>
      ) : null}
    </Panel>
  );
}
