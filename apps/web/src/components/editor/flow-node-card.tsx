"use client";

import { type FlowDraftNode, nodeCatalogue } from "@duplex/core";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { configSummary } from "@/lib/editor/canvas-rules";

/** Only serializable data: the draft node and its problem messages. */
export type FlowNodeData = {
  node: FlowDraftNode;
  errors: string[];
  warnings: string[];
};
export type FlowCanvasNode = Node<FlowNodeData, "flow">;

const groupAccent: Record<string, string> = {
  Triggers: "bg-amber-500",
  Transform: "bg-sky-500",
  Logic: "bg-violet-500",
  Actions: "bg-emerald-500",
};

export function FlowNodeCard({ data, selected }: NodeProps<FlowCanvasNode>) {
  const entry = nodeCatalogue[data.node.type];
  const state = data.errors.length ? "error" : data.warnings.length ? "warning" : "ok";
  const ring =
    state === "error"
      ? "border-red-400"
      : state === "warning"
        ? "border-amber-400"
        : "border-slate-200";
  return (
    <div
      data-testid={`node-${data.node.id}`}
      className={`w-[220px] rounded-lg border bg-white shadow-sm ${ring} ${selected ? "ring-2 ring-indigo-400" : ""}`}
      title={[...data.errors, ...data.warnings].join("\n") || undefined}
    >
      {entry.inputs.map((handle) => (
        <Handle
          key={handle}
          id={handle}
          type="target"
          position={Position.Left}
          className="!size-3 !border-2 !border-white !bg-slate-500"
        />
      ))}
      <div className="flex items-center gap-2 border-b border-slate-100 px-3 py-2">
        <span
          className={`size-2 rounded-full ${groupAccent[entry.group] ?? "bg-slate-400"}`}
          aria-hidden="true"
        />
        <span className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
          {entry.label}
        </span>
        <span className="ml-auto text-[11px]">
          <span className="sr-only">status: {state}</span>
          {state === "error" ? (
            <span className="rounded bg-red-100 px-1.5 py-0.5 font-medium text-red-700">
              {data.errors.length} error{data.errors.length > 1 ? "s" : ""}
            </span>
          ) : state === "warning" ? (
            <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-700">
              warning
            </span>
          ) : (
            <span className="text-emerald-600">✓</span>
          )}
        </span>
      </div>
      <div className="px-3 py-2">
        <p className="truncate text-sm font-medium text-slate-900">
          {data.node.label ?? data.node.id}
        </p>
        <p className="truncate text-xs text-slate-500">{configSummary(data.node) || "\u00a0"}</p>
      </div>
      {entry.outputs.map((handle, index) => (
        <Handle
          key={handle}
          id={handle}
          type="source"
          position={Position.Right}
          style={
            entry.outputs.length > 1
              ? { top: `${((index + 1) / (entry.outputs.length + 1)) * 100}%` }
              : undefined
          }
          className={`!size-3 !border-2 !border-white ${handle === "else" ? "!bg-rose-400" : "!bg-indigo-500"}`}
        >
          {entry.outputs.length > 1 ? (
            <span className="pointer-events-none absolute left-3 -translate-y-1/2 text-[10px] text-slate-500">
              {handle}
            </span>
          ) : null}
        </Handle>
      ))}
    </div>
  );
}
