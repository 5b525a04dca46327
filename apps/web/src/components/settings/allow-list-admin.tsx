"use client";

import type { AppRouter } from "@duplex/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/trpc/react";

type AllowedHost = inferRouterOutputs<AppRouter>["allowList"]["list"][number];

const th = "px-3 py-2 text-xs font-medium tracking-wide text-slate-500 uppercase";

/** Admin screen for the outbound allow-list: list, add, remove. */
export function AllowListAdmin() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const hosts = useQuery(trpc.allowList.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.allowList.list.queryKey() });
  const [pattern, setPattern] = useState("");
  const [note, setNote] = useState("");
  const [removing, setRemoving] = useState<AllowedHost | null>(null);
  const add = useMutation(
    trpc.allowList.add.mutationOptions({
      onSuccess: (row) => {
        toast.show("success", `${row.pattern} added to the allow-list.`);
        setPattern("");
        setNote("");
        void refresh();
      },
      onError: toast.error,
    }),
  );
  const remove = useMutation(
    trpc.allowList.remove.mutationOptions({
      onSuccess: () => {
        toast.show("success", "Pattern removed.");
        void refresh();
      },
      onError: toast.error,
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ pattern: pattern.trim(), note: note.trim() });
  };

  return (
    <div className="space-y-5">
      <form
        onSubmit={submit}
        aria-labelledby="add-pattern"
        className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      >
        <h2 id="add-pattern" className="text-sm font-semibold">
          Add a pattern
        </h2>
        <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
          <Field
            id="allow-pattern"
            label="Host pattern"
            required
            help="db.example.com matches exactly that host; *.example.com any subdomain (not example.com itself); IP addresses match literally. Ports are ignored."
          >
            <input
              id="allow-pattern"
              className={`${inputClass} font-mono`}
              required
              maxLength={253}
              placeholder="*.example.com"
              aria-describedby="allow-pattern-help"
              value={pattern}
              onChange={(e) => setPattern(e.target.value)}
            />
          </Field>
          <Field id="allow-note" label="Note (optional)" help="Why this host is allowed.">
            <input
              id="allow-note"
              className={inputClass}
              maxLength={500}
              aria-describedby="allow-note-help"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </Field>
          <Button type="submit" variant="primary" className="sm:mt-5" disabled={add.isPending}>
            {add.isPending ? "Adding…" : "Add"}
          </Button>
        </div>
      </form>
      <section className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        {hosts.isPending ? (
          <p role="status" className="p-4 text-sm text-slate-500">
            Loading the allow-list…
          </p>
        ) : hosts.isError ? (
          <p role="alert" className="p-4 text-sm text-red-600">
            {hosts.error.message}
          </p>
        ) : hosts.data.length === 0 ? (
          <p className="p-6 text-center text-sm text-slate-500">
            The allow-list is empty, so connections may reach <strong>any</strong> host. Add a
            pattern to restrict them.
          </p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Allowed host patterns</caption>
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className={th}>
                  Pattern
                </th>
                <th scope="col" className={th}>
                  Note
                </th>
                <th scope="col" className={th}>
                  Added
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {hosts.data.map((h) => (
                <tr key={h.id}>
                  <td className="px-3 py-2 font-mono">{h.pattern}</td>
                  <td className="px-3 py-2 text-slate-600">{h.note || "—"}</td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                    {new Date(h.createdAt).toLocaleString()}
                  </td>
                  <td className="px-3 py-2 text-right">
                    <Button
                      size="sm"
                      variant="ghost"
                      className="!text-red-600"
                      aria-label={`Remove ${h.pattern}`}
                      disabled={remove.isPending}
                      onClick={() => setRemoving(h)}
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this pattern?"
        message={
          <>
            Connections to hosts matching <code className="font-mono">{removing?.pattern}</code>{" "}
            will be refused from their next save or open
            {hosts.data?.length === 1
              ? " — unless the list becomes empty, which allows every host"
              : ""}
            .
          </>
        }
        confirmLabel="Remove"
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) remove.mutate({ id: removing.id });
          setRemoving(null);
        }}
      />
    </div>
  );
}
