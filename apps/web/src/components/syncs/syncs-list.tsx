"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/editor/api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";

const statusStyle: Record<string, string> = {
  draft: "bg-slate-100 text-slate-700",
  active: "bg-emerald-100 text-emerald-700",
  paused: "bg-amber-100 text-amber-800",
};

export function SyncsList() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const syncs = useQuery(trpc.syncs.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.syncs.list.queryKey() });
  const options = (done: string) => ({
    onSuccess: () => {
      toast.show("success", done);
      void refresh();
    },
    onError: toast.error,
  });
  const duplicate = useMutation(trpc.syncs.duplicate.mutationOptions(options("Sync duplicated")));
  // Starting and stopping the trigger loops is the engine's (syncOps); the list only asks for it.
  const activate = useMutation(trpc.syncOps.activate.mutationOptions(options("Sync activated")));
  const pause = useMutation(trpc.syncOps.pause.mutationOptions(options("Sync paused")));
  const resume = useMutation(trpc.syncOps.resume.mutationOptions(options("Sync resumed")));
  const remove = useMutation(trpc.syncs.delete.mutationOptions(options("Sync deleted")));
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);

  return (
    <main className="mx-auto max-w-6xl py-2">
      <div className="flex items-center gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Syncs</h1>
          <p className="text-sm text-slate-500">
            Two-way syncs between your systems, one flow per direction.
          </p>
        </div>
        <Link
          href="/connections"
          className="ml-auto text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          Connections
        </Link>
        <Link
          href="/syncs/new"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-indigo-500"
        >
          New sync
        </Link>
      </div>
      <div className="mt-6 overflow-hidden rounded-xl border border-slate-200 bg-white">
        {syncs.isPending ? (
          <div className="space-y-3 p-6" role="status" aria-busy="true" aria-label="Loading syncs">
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-10 animate-pulse rounded bg-slate-100" />
            ))}
          </div>
        ) : syncs.isError ? (
          <p className="p-6 text-sm text-red-600">{syncs.error.message}</p>
        ) : syncs.data.length === 0 ? (
          <div className="p-12 text-center">
            <p className="text-base font-medium text-slate-900">No syncs yet</p>
            <p className="mt-1 text-sm text-slate-500">
              Link two connections, pick the objects, and Duplex drafts both directions for you.
            </p>
            <Link
              href="/syncs/new"
              className="mt-4 inline-block rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
            >
              Create your first sync
            </Link>
          </div>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2.5">Name</th>
                <th className="px-4 py-2.5">Systems</th>
                <th className="px-4 py-2.5">Mode</th>
                <th className="px-4 py-2.5">Status</th>
                <th className="px-4 py-2.5">Last run</th>
                <th className="px-4 py-2.5">Errors</th>
                <th className="px-4 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {syncs.data.map((s) => (
                <tr key={s.id} className="hover:bg-slate-50/60">
                  <td className="px-4 py-3">
                    <Link
                      href={`/syncs/${s.id}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {s.name}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {s.objects.join(", ")} ·{" "}
                      <Link
                        href={`/syncs/${s.id}/runs`}
                        className="text-indigo-700 hover:underline"
                      >
                        Runs
                      </Link>
                    </p>
                  </td>
                  <td className="px-4 py-3 text-slate-700">
                    {s.connectionA.name}{" "}
                    <span className="text-slate-400">({s.connectionA.type})</span> ⇄{" "}
                    {s.connectionB.name}{" "}
                    <span className="text-slate-400">({s.connectionB.type})</span>
                  </td>
                  <td className="px-4 py-3 text-slate-600">{s.mode}</td>
                  <td className="px-4 py-3">
                    <span
                      className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusStyle[s.status] ?? ""}`}
                    >
                      {s.status}
                    </span>
                  </td>
                  <td className="px-4 py-3 text-slate-600">
                    {s.lastRun
                      ? `${s.lastRun.status}, ${new Date(s.lastRun.at).toLocaleString()}`
                      : "never"}
                  </td>
                  <td
                    className={`px-4 py-3 ${s.errorCount ? "font-medium text-red-600" : "text-slate-400"}`}
                  >
                    {s.errorCount}
                  </td>
                  <td className="px-4 py-3">
                    <div className="flex justify-end gap-1">
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => duplicate.mutate({ syncId: s.id })}
                      >
                        Duplicate
                      </Button>
                      {s.status === "active" ? (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => pause.mutate({ syncId: s.id })}
                        >
                          Pause
                        </Button>
                      ) : s.status === "paused" ? (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => resume.mutate({ syncId: s.id })}
                        >
                          Resume
                        </Button>
                      ) : (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => activate.mutate({ syncId: s.id })}
                        >
                          Activate
                        </Button>
                      )}
                      <Button
                        size="sm"
                        variant="ghost"
                        className="!text-red-600"
                        onClick={() => setDeleting({ id: s.id, name: s.name })}
                      >
                        Delete
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this sync?"
        message={
          <>
            <strong>{deleting?.name}</strong>, both of its flows, every version and its run history
            will be deleted. This cannot be undone.
          </>
        }
        confirmLabel="Delete sync"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate({ syncId: deleting.id });
          setDeleting(null);
        }}
      />
    </main>
  );
}
