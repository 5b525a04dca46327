"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { RunsList } from "./runs-list";
import { WatermarksPanel } from "./watermarks-panel";

/** /syncs/[syncId]/runs: the sync's runs and where its triggers resume. */
export function RunsConsole({ syncId, canOperate }: { syncId: string; canOperate: boolean }) {
  const trpc = useTRPC();
  const syncs = useQuery(trpc.syncs.list.queryOptions());
  const sync = syncs.data?.find((s) => s.id === syncId);
  return (
    <main className="mx-auto max-w-6xl space-y-6 py-2">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link href="/syncs" className="hover:text-slate-900">
            Syncs
          </Link>{" "}
          /{" "}
          <Link href={`/syncs/${syncId}`} className="hover:text-slate-900">
            {sync?.name ?? "Sync"}
          </Link>
        </nav>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          Runs{sync ? ` of ${sync.name}` : ""}
        </h1>
      </div>
      <RunsList syncId={syncId} />
      <WatermarksPanel syncId={syncId} canOperate={canOperate} />
    </main>
  );
}
