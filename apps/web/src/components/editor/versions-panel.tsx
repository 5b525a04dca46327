"use client";

import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useTRPC } from "./api";

/** The flow's published versions, newest first: open one read-only, or restore it as the draft. */
export function VersionsPanel({
  flowId,
  viewing,
  onView,
  onRestore,
  onClose,
}: {
  flowId: string;
  viewing: string | null;
  onView(versionId: string, version: number): void;
  onRestore(versionId: string): void;
  onClose(): void;
}) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.flows.versions.queryOptions({ flowId }));
  return (
    <aside
      aria-label="Version history"
      className="flex h-full w-80 shrink-0 flex-col border-l border-slate-200 bg-white"
    >
      <header className="flex items-center border-b border-slate-200 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900">Version history</h2>
        <button
          type="button"
          aria-label="Close version history"
          className="ml-auto text-slate-400 hover:text-slate-700"
          onClick={onClose}
        >
          ✕
        </button>
      </header>
      <div className="flex-1 overflow-y-auto p-3">
        {versions.isPending ? <p className="text-sm text-slate-400">Loading…</p> : null}
        {versions.data?.length === 0 ? (
          <p className="text-sm text-slate-500">
            Nothing published yet. Publish to create version 1.
          </p>
        ) : null}
        <ol className="space-y-2">
          {versions.data?.map((v) => (
            <li
              key={v.id}
              data-testid={`version-${v.version}`}
              className={`rounded-md border p-2.5 ${viewing === v.id ? "border-indigo-300 bg-indigo-50" : "border-slate-200"}`}
            >
              <div className="flex items-center gap-2">
                <span className="text-sm font-semibold">v{v.version}</span>
                {v.published ? (
                  <span className="rounded bg-emerald-100 px-1.5 text-[11px] font-medium text-emerald-700">
                    live
                  </span>
                ) : null}
                <span className="ml-auto text-xs text-slate-500">
                  {new Date(v.createdAt).toLocaleString()}
                </span>
              </div>
              <p className="mt-0.5 text-xs text-slate-500">
                by {v.author}
                {v.note ? ` — ${v.note}` : ""}
              </p>
              <div className="mt-2 flex gap-2">
                <Button size="sm" onClick={() => onView(v.id, v.version)}>
                  Open read-only
                </Button>
                <Button size="sm" onClick={() => onRestore(v.id)}>
                  Restore as draft
                </Button>
              </div>
            </li>
          ))}
        </ol>
      </div>
    </aside>
  );
}
