"use client";

import type { AppRouter } from "@duplex/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/trpc/react";
import { CreateTokenForm } from "./create-token-form";

type ApiToken = inferRouterOutputs<AppRouter>["apiTokens"]["list"][number];

const th = "px-3 py-2 text-xs font-medium tracking-wide text-slate-500 uppercase";
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

/** Admin screen: list, create (secret shown once) and revoke API tokens. */
export function ApiTokensAdmin() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.apiTokens.list.queryOptions());
  const syncs = useQuery(trpc.syncs.list.queryOptions());
  const syncName = (id: string) => syncs.data?.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useMutation(
    trpc.apiTokens.revoke.mutationOptions({
      onSuccess: () => {
        toast.show("success", "Token revoked.");
        void refresh();
      },
      onError: toast.error,
    }),
  );

  return (
    <div className="space-y-5">
      <CreateTokenForm onCreated={() => void refresh()} />
      <section className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        {tokens.isPending ? (
          <p role="status" className="p-4 text-sm text-slate-500">
            Loading tokens…
          </p>
        ) : tokens.isError ? (
          <p role="alert" className="p-4 text-sm text-red-600">
            {tokens.error.message}
          </p>
        ) : tokens.data.length === 0 ? (
          <p className="p-6 text-center text-sm text-slate-500">No API tokens yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">API tokens</caption>
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                {["Name", "Scope", "Role", "Created", "Last used", "Revoked"].map((h) => (
                  <th key={h} scope="col" className={th}>
                    {h}
                  </th>
                ))}
                <th scope="col" className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.data.map((t) => (
                <tr key={t.id} className={t.revokedAt ? "text-slate-400" : ""}>
                  <td className="px-3 py-2 font-medium">{t.name}</td>
                  <td className="px-3 py-2">
                    {t.syncIds.length === 0 ? "no syncs" : t.syncIds.map(syncName).join(", ")}
                  </td>
                  <td className="px-3 py-2">{t.role ?? "—"}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{when(t.createdAt)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{when(t.lastUsedAt)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{when(t.revokedAt)}</td>
                  <td className="px-3 py-2 text-right">
                    {t.revokedAt ? null : (
                      <Button
                        size="sm"
                        variant="ghost"
                        className="!text-red-600"
                        aria-label={`Revoke ${t.name}`}
                        disabled={revoke.isPending}
                        onClick={() => setRevoking(t)}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this token?"
        message={
          <>
            Anything using <strong>{revoking?.name}</strong> stops working at once. This cannot be
            undone; create a new token instead.
          </>
        }
        confirmLabel="Revoke token"
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate({ id: revoking.id });
          setRevoking(null);
        }}
      />
    </div>
  );
}
