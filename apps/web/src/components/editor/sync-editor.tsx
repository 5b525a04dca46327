"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "./api";
import { FlowEditor } from "./flow-editor";

const tabs = [
  { direction: "a-to-b", label: "A → B" },
  { direction: "b-to-a", label: "B → A" },
] as const;

/** A sync's two flows, one tab (and one canvas) per direction. */
export function SyncEditor({ syncId }: { syncId: string }) {
  const trpc = useTRPC();
  // Drafts are edited here and autosaved; refetching on focus would fight with local edits.
  const sync = useQuery(
    trpc.syncs.get.queryOptions(
      { syncId },
      { refetchOnWindowFocus: false, staleTime: Number.POSITIVE_INFINITY },
    ),
  );
  const [direction, setDirection] = useState<"a-to-b" | "b-to-a">("a-to-b");

  if (sync.isPending) return <p className="p-8 text-sm text-slate-500">Loading the sync…</p>;
  if (sync.isError) return <p className="p-8 text-sm text-red-600">{sync.error.message}</p>;
  const { definition } = sync.data.sync;
  const pair = definition.objects[0];
  const flow = sync.data.flows.find((f) => f.direction === direction);
  return (
    <div className="-m-6 flex h-[calc(100vh-3.1rem)] min-h-[640px] flex-col">
      <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-2.5">
        <Link href="/syncs" className="text-sm text-slate-500 hover:text-slate-900">
          ← Syncs
        </Link>
        <div className="min-w-0">
          <h1 className="truncate text-base font-semibold text-slate-900">{sync.data.sync.name}</h1>
          <p className="text-xs text-slate-500">
            {pair ? `${pair.objectA} ⇄ ${pair.objectB}` : ""} ·{" "}
            {definition.mode.type === "sor"
              ? `system of record: ${definition.mode.side.toUpperCase()}`
              : "external ID"}{" "}
            · {definition.conflictPolicy} · {sync.data.sync.status}
          </p>
        </div>
        <Link
          href={`/syncs/${syncId}/runs`}
          className="ml-auto text-sm font-medium text-indigo-700 hover:underline"
        >
          Runs
        </Link>
        <div role="tablist" aria-label="Direction" className="flex rounded-lg bg-slate-100 p-0.5">
          {tabs.map((tab) => (
            <button
              key={tab.direction}
              type="button"
              role="tab"
              aria-selected={direction === tab.direction}
              onClick={() => setDirection(tab.direction)}
              className={`rounded-md px-4 py-1 text-sm font-medium ${direction === tab.direction ? "bg-white text-slate-900 shadow-sm" : "text-slate-500 hover:text-slate-800"}`}
            >
              {tab.label}
            </button>
          ))}
        </div>
      </header>
      <div role="tabpanel" className="min-h-0 flex-1">
        {flow ? (
          <FlowEditor
            key={flow.id}
            flow={flow}
            syncId={syncId}
            sync={definition}
            focusNode={null}
          />
        ) : (
          <p className="p-8 text-sm text-slate-500">
            This sync has no {direction} flow (it is one-way).
          </p>
        )}
      </div>
    </div>
  );
}
