"use client";

import { type NodeType, nodeCatalogue, nodeGroups, nodeTypes } from "@duplex/core";

export const NODE_DRAG_TYPE = "application/duplex-node-type";

/** The catalogue grouped as on the canvas: drag an entry onto the canvas, or click to add it. */
export function NodePalette({
  onAdd,
  disabled,
}: {
  onAdd(type: NodeType): void;
  disabled?: boolean;
}) {
  return (
    <nav
      aria-label="Node palette"
      className="h-full w-44 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-3"
    >
      {nodeGroups.map((group) => (
        <section key={group} className="mb-4">
          <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">
            {group}
          </h3>
          <ul className="space-y-1">
            {nodeTypes
              .filter((type) => nodeCatalogue[type].group === group)
              .map((type) => (
                <li key={type}>
                  <button
                    type="button"
                    draggable={!disabled}
                    disabled={disabled}
                    data-testid={`palette-${type}`}
                    title={nodeCatalogue[type].description}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(NODE_DRAG_TYPE, type);
                      event.dataTransfer.effectAllowed = "move";
                    }}
                    onClick={() => onAdd(type)}
                    className="w-full cursor-grab rounded-md border border-slate-200 px-2.5 py-1.5 text-left text-sm text-slate-700 hover:border-indigo-300 hover:bg-indigo-50 disabled:cursor-not-allowed disabled:opacity-50"
                  >
                    {nodeCatalogue[type].label}
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <p className="text-xs text-slate-400">Drag onto the canvas or click to add.</p>
    </nav>
  );
}
