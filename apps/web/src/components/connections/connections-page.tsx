"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/editor/api";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { type ConnectionDraft, ConnectionForm } from "./connection-form";

type Editing =
  | { mode: "create" }
  | { mode: "edit"; id: string; draft: ConnectionDraft; secrets: string[] };

export function ConnectionsPage() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const connections = useQuery(trpc.connections.list.queryOptions());
  const types = useQuery(trpc.connectorTypes.list.queryOptions());
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.connections.list.queryKey() });
  const create = useMutation(trpc.connections.create.mutationOptions());
  const update = useMutation(trpc.connections.update.mutationOptions());
  const test = useMutation(trpc.connections.test.mutationOptions());
  const [editing, setEditing] = useState<Editing | null>(null);

  const save = async (draft: ConnectionDraft) => {
    try {
      if (editing?.mode === "edit")
        await update.mutateAsync({ id: editing.id, name: draft.name, config: draft.config });
      else await create.mutateAsync(draft);
      toast.show("success", `Saved ${draft.name}`);
      setEditing(null);
      await refresh();
    } catch (error) {
      toast.error(error);
    }
  };

  return (
    <main className="mx-auto max-w-5xl py-2">
      <div className="flex items-center gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Connections</h1>
          <p className="text-sm text-slate-500">
            Credentials are encrypted at rest and never sent back to the browser.
          </p>
        </div>
        <Link
          href="/syncs"
          className="ml-auto text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          Syncs
        </Link>
        <Button
          variant="primary"
          onClick={() => setEditing({ mode: "create" })}
          disabled={!types.data}
        >
          New connection
        </Button>
      </div>
      <ul className="mt-6 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
        {connections.isPending ? <li className="p-6 text-sm text-slate-400">Loading…</li> : null}
        {connections.data?.length === 0 ? (
          <li className="p-10 text-center text-sm text-slate-500">
            No connections yet. Add the systems you want to sync.
          </li>
        ) : null}
        {connections.data?.map((c) => (
          <li key={c.id} className="flex items-center gap-3 px-4 py-3">
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-900">{c.name}</p>
              <p className="text-xs text-slate-500">
                {c.type}
                {Object.keys(c.secrets).length
                  ? ` · secrets set: ${Object.keys(c.secrets).join(", ")}`
                  : ""}
                {c.secretsStatus === "unreadable"
                  ? " · secrets unreadable with the current key"
                  : ""}
              </p>
            </div>
            <Button
              size="sm"
              disabled={test.isPending}
              onClick={() =>
                test.mutate(
                  { id: c.id },
                  {
                    onSuccess: (r) =>
                      r.ok
                        ? toast.show("success", `${c.name}: connection works`)
                        : toast.show("error", `${c.name}: ${r.message}`),
                    onError: toast.error,
                  },
                )
              }
            >
              Test
            </Button>
            <Button
              size="sm"
              onClick={() =>
                setEditing({
                  mode: "edit",
                  id: c.id,
                  draft: { name: c.name, type: c.type, config: c.config },
                  secrets: Object.keys(c.secrets),
                })
              }
            >
              Edit
            </Button>
          </li>
        ))}
      </ul>
      <Dialog
        open={editing !== null}
        title={editing?.mode === "edit" ? "Edit connection" : "New connection"}
        onClose={() => setEditing(null)}
        wide
      >
        {editing && types.data ? (
          <ConnectionForm
            types={types.data}
            initial={editing.mode === "edit" ? editing.draft : null}
            secretsSet={editing.mode === "edit" ? editing.secrets : []}
            busy={create.isPending || update.isPending}
            onSubmit={save}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </main>
  );
}
