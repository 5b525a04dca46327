"use client";

import type { FlowDraft } from "@duplex/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "./api";

/**
 * Runs the flow up to the chosen node on sample records: the latest source records, or pasted
 * JSON. The server reads but never writes; write nodes only say what they would do.
 */
export function TestStepPanel({
  flowId,
  nodeId,
  draft,
  onNodeChange,
  onClose,
}: {
  flowId: string;
  nodeId: string;
  draft: FlowDraft;
  onNodeChange(nodeId: string): void;
  onClose(): void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const [kind, setKind] = useState<"live" | "json">("live");
  const [limit, setLimit] = useState(5);
  const [json, setJson] = useState('[{ "id": 1, "name": "Example" }]');
  const run = useMutation(trpc.flows.testStep.mutationOptions({ onError: (e) => toast.error(e) }));
  const [open, setOpen] = useState<string | null>(null);

  return (
    <aside
      aria-label="Test step"
      className="flex h-full w-[24rem] shrink-0 flex-col border-l border-slate-200 bg-white"
    >
      <header className="flex items-center border-b border-slate-200 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900">Test step</h2>
        <button
          type="button"
          aria-label="Close test step"
          className="ml-auto text-slate-400 hover:text-slate-700"
          onClick={onClose}
        >
          ✕
        </button>
      </header>
      <form
        className="space-y-3 border-b border-slate-200 px-4 py-3"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate({
            flowId,
            nodeId,
            draft,
            sample: kind === "live" ? { kind, limit } : { kind, json },
          });
        }}
      >
        <Field id="test-node" label="Run up to">
          <select
            id="test-node"
            className={inputClass}
            value={nodeId}
            onChange={(e) => onNodeChange(e.target.value)}
          >
            {draft.nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label ?? n.id}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">Sample records</legend>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name="sample"
              checked={kind === "live"}
              onChange={() => setKind("live")}
            />{" "}
            Latest source records
          </label>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name="sample"
              checked={kind === "json"}
              onChange={() => setKind("json")}
            />{" "}
            Paste JSON
          </label>
        </fieldset>
        {kind === "live" ? (
          <Field id="test-limit" label="How many records">
            <input
              id="test-limit"
              type="number"
              min={1}
              max={20}
              className={inputClass}
              value={limit}
              onChange={(e) => setLimit(Number(e.target.value) || 1)}
            />
          </Field>
        ) : (
          <Field id="test-json" label="Sample records (JSON object or array, up to 50 kB)">
            <textarea
              id="test-json"
              rows={5}
              maxLength={50_000}
              className={`${inputClass} font-mono text-xs`}
              value={json}
              onChange={(e) => setJson(e.target.value)}
            />
          </Field>
        )}
        <Button type="submit" variant="primary" disabled={run.isPending}>
          {run.isPending ? "Running…" : "▶ Run test"}
        </Button>
        <p className="text-xs text-slate-500">Nothing is written to the target.</p>
      </form>
      <div className="flex-1 space-y-2 overflow-y-auto px-4 py-3" data-testid="test-output">
        {run.data?.map((step) => (
          <section key={step.nodeId} className="rounded-md border border-slate-200">
            <button
              type="button"
              className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm"
              aria-expanded={open === step.nodeId}
              onClick={() => setOpen(open === step.nodeId ? null : step.nodeId)}
            >
              <span className={step.status === "ok" ? "text-emerald-600" : "text-red-600"}>
                {step.status === "ok" ? "✓" : "✕"}
              </span>
              <span className="font-medium">{step.nodeId}</span>
              <span className="ml-auto text-xs text-slate-500">
                {Object.entries(step.counts)
                  .map(([handle, n]) => `${handle}: ${n}`)
                  .join(" · ")}
              </span>
            </button>
            {step.message ? <p className="px-3 pb-2 text-xs text-red-600">{step.message}</p> : null}
            {open === step.nodeId || step.nodeId === nodeId ? (
              <ul className="space-y-1 border-t border-slate-100 px-3 py-2">
                {step.items.length === 0 ? (
                  <li className="text-xs text-slate-400">No records.</li>
                ) : null}
                {step.items.map((item, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: sample keys may repeat
                  <li key={index} className="text-xs">
                    <p className="font-medium text-slate-700">
                      {item.key}{" "}
                      {item.note ? (
                        <span className="font-normal text-slate-500">— {item.note}</span>
                      ) : null}
                    </p>
                    {item.errors?.map((e) => (
                      <p key={e} className="text-red-600">
                        {e}
                      </p>
                    ))}
                    <pre className="mt-0.5 overflow-x-auto rounded bg-slate-50 p-1.5 text-[11px] text-slate-700">
                      {JSON.stringify(item.values ?? item.source, null, 2)}
                    </pre>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
      </div>
    </aside>
  );
}
