"use client";

import type { AppRouter } from "@duplex/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { formatTime } from "@/lib/runs/run-format";
import { useTRPC } from "@/trpc/react";
import { LoadingRows, Panel, tdClass, thClass } from "./run-bits";

type Watermark = inferRouterOutputs<AppRouter>["syncOps"]["watermarks"][number];

/** Where each trigger resumes; operators can move a watermark back to re-read everything. */
export function WatermarksPanel({ syncId, canOperate }: { syncId: string; canOperate: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const watermarks = useQuery(trpc.syncOps.watermarks.queryOptions({ syncId }));
  const [resetting, setResetting] = useState<Watermark | null>(null);
  const reset = useMutation(
    trpc.syncOps.resetWatermark.mutationOptions({
      onSuccess: (_result, input) => {
        toast.show("success", `Watermark for ${input.object} reset; the next read starts over.`);
        void queryClient.invalidateQueries({
          queryKey: trpc.syncOps.watermarks.queryKey({ syncId }),
        });
      },
      onError: toast.error,
    }),
  );

  return (
    <Panel title="Watermarks">
      {watermarks.isPending ? (
        <LoadingRows label="Loading watermarks" />
      ) : watermarks.isError ? (
        <p role="alert" className="p-4 text-sm text-red-600">
          {watermarks.error.message}
        </p>
      ) : watermarks.data.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">
          No watermarks yet: the triggers have not read anything.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Watermark per flow and object</caption>
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th scope="col" className={thClass}>
                Direction
              </th>
              <th scope="col" className={thClass}>
                Object
              </th>
              <th scope="col" className={thClass}>
                Cursor
              </th>
              <th scope="col" className={thClass}>
                Updated
              </th>
              {canOperate ? (
                <th scope="col" className={thClass}>
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {watermarks.data.map((w) => (
              <tr key={`${w.flowId}:${w.object}`}>
                <td className={tdClass}>{w.direction}</td>
                <td className={tdClass}>{w.object}</td>
                <td className={`${tdClass} font-mono text-xs break-all`}>
                  {w.cursor ?? <span className="text-slate-400">(start)</span>}
                </td>
                <td className={`${tdClass} whitespace-nowrap`}>{formatTime(w.updatedAt)}</td>
                {canOperate ? (
                  <td className={`${tdClass} text-right`}>
                    <Button
                      size="sm"
                      variant="ghost"
                      className="!text-red-600"
                      disabled={reset.isPending || w.cursor === null}
                      onClick={() => setResetting(w)}
                      aria-label={`Reset watermark of ${w.direction} ${w.object}`}
                    >
                      Reset
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={resetting !== null}
        title="Reset this watermark?"
        message={
          <>
            The {resetting?.direction} trigger will read <strong>{resetting?.object}</strong> from
            the beginning. Unchanged records are skipped, but a large object takes a while. Pause
            the sync first if a run is in flight, or it may commit its own cursor over the reset.
          </>
        }
        confirmLabel="Reset watermark"
        onCancel={() => setResetting(null)}
        onConfirm={() => {
          if (resetting)
            reset.mutate({
              syncId,
              flowId: resetting.flowId,
              object: resetting.object,
              cursor: null,
            });
          setResetting(null);
        }}
      />
    </Panel>
  );
}
