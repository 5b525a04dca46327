import type { ReactNode } from "react";
import { type RunStatus, statusStyle, summarizeCounts } from "@/lib/runs/run-format";

export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${statusStyle[status]}`}
    >
      {status}
    </span>
  );
}

/** Created/updated/skipped/failed/deferred as compact labelled figures. */
export function CountCells({ counts }: { counts: Record<string, number> }) {
  return (
    <span className="flex flex-wrap gap-x-2 gap-y-0.5 text-xs">
      {summarizeCounts(counts).map((cell) => (
        <span
          key={cell.label}
          className={
            cell.label === "failed" && cell.value > 0
              ? "font-medium text-red-700"
              : cell.value > 0
                ? "text-slate-800"
                : "text-slate-400"
          }
        >
          {cell.label} {cell.value}
        </span>
      ))}
    </span>
  );
}

export function LoadingRows({ label }: { label: string }) {
  return (
    <div className="space-y-3 p-6" role="status" aria-busy="true" aria-label={label}>
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-8 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}

export function Panel({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={title}
      className="overflow-hidden rounded-xl border border-slate-200 bg-white"
    >
      <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        <div className="ml-auto flex items-center gap-2">{actions}</div>
      </header>
      {children}
    </section>
  );
}

export const thClass = "px-3 py-2 text-xs font-medium tracking-wide text-slate-500 uppercase";
export const tdClass = "px-3 py-2 align-top";
