"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { formatTime, isOutcome, type Outcome, outcomeOptions } from "@/lib/runs/run-format";
import { useTRPC } from "@/trpc/react";
import type { Replay } from "./replay-panel";
import { LoadingRows, Panel, tdClass, thClass } from "./run-bits";

/** Per-record outcomes of a run, filterable by outcome; failed rows can be replayed one by one. */
export function RunOutcomes({
  runId,
  live,
  replay,
}: {
  runId: string;
  live: boolean;
  replay: Replay | null;
}) {
  const trpc = useTRPC();
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const outcomes = useInfiniteQuery(
    trpc.runs.outcomes.infiniteQueryOptions(
      { runId, limit: 100, ...(outcome ? { outcome } : {}) },
      {
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        refetchInterval: live ? 3000 : false,
      },
    ),
  );
  const items = outcomes.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Panel
      title="Records"
      actions={
        <div className="flex items-center gap-2">
          <label htmlFor="outcome-filter" className="text-xs font-medium text-slate-700">
            Outcome
          </label>
          <select
            id="outcome-filter"
            className={`${inputClass} w-52`}
            value={outcome}
            onChange={(e) => setOutcome(isOutcome(e.target.value) ? e.target.value : "")}
          >
            <option value="">All outcomes</option>
            {outcomeOptions.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
      }
    >
      {outcomes.isPending ? (
        <LoadingRows label="Loading records" />
      ) : outcomes.isError ? (
        <p role="alert" className="p-4 text-sm text-red-600">
          {outcomes.error.message}
        </p>
      ) : items.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">
          {outcome ? `No record ended ${outcome}.` : "This run has no record outcomes."}
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Per-record outcomes</caption>
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th scope="col" className={thClass}>
                Object
              </th>
              <th scope="col" className={thClass}>
                Source key
              </th>
              <th scope="col" className={thClass}>
                Target key
              </th>
              <th scope="col" className={thClass}>
                Outcome
              </th>
              <th scope="col" className={thClass}>
                Node
              </th>
              <th scope="col" className={thClass}>
                Error
              </th>
              <th scope="col" className={thClass}>
                At
              </th>
              {replay ? (
                <th scope="col" className={thClass}>
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((row) => (
              <tr key={row.id}>
                <td className={tdClass}>{row.object}</td>
                <td className={`${tdClass} font-mono text-xs break-all`}>{row.sourceKey}</td>
                <td className={`${tdClass} font-mono text-xs break-all`}>{row.targetKey ?? "—"}</td>
                <td
                  className={`${tdClass} ${row.outcome === "failed" ? "font-medium text-red-700" : ""}`}
                >
                  {row.outcome}
                </td>
                <td className={`${tdClass} font-mono text-xs`}>{row.nodeId ?? "—"}</td>
                <td className={`${tdClass} max-w-72`}>
                  {row.error ? (
                    <code className="block text-xs break-all whitespace-pre-wrap text-red-700">
                      {typeof row.error.message === "string"
                        ? row.error.message
                        : JSON.stringify(row.error)}
                    </code>
                  ) : (
                    "—"
                  )}
                </td>
                <td className={`${tdClass} whitespace-nowrap text-xs`}>
                  {formatTime(row.createdAt)}
                </td>
                {replay ? (
                  <td className={`${tdClass} text-right`}>
                    {row.outcome === "failed" ? (
                      <Button
                        size="sm"
                        disabled={replay.pending}
                        aria-label={`Replay record ${row.sourceKey}`}
                        onClick={() => replay.start("record", row.sourceKey)}
                      >
                        Replay
                      </Button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {outcomes.hasNextPage ? (
        <div className="border-t border-slate-100 p-3 text-center">
          <Button
            size="sm"
            onClick={() => void outcomes.fetchNextPage()}
            disabled={outcomes.isFetchingNextPage}
          >
            {outcomes.isFetchingNextPage ? "Loading…" : "More records"}
          </Button>
        </div>
      ) : null}
    </Panel>
  );
}
