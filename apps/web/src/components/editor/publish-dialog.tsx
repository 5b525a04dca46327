"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";

export interface PublishProblem {
  direction: "a-to-b" | "b-to-a";
  message: string;
  nodeId?: string | undefined;
  path?: (string | number)[] | undefined;
}

const arrow = { "a-to-b": "A → B", "b-to-a": "B → A" } as const;

/** Every problem that blocked publishing, grouped by direction; a node's problem jumps to it. */
export function PublishProblemsDialog({
  problems,
  onClose,
  onFocusNode,
}: {
  problems: readonly PublishProblem[] | null;
  onClose(): void;
  onFocusNode(direction: PublishProblem["direction"], nodeId: string): void;
}) {
  return (
    <Dialog open={problems !== null} title="Cannot publish yet" onClose={onClose} wide>
      <p>Fix these problems, then publish again. Nothing was published.</p>
      <ul className="mt-3 max-h-80 space-y-1.5 overflow-y-auto" data-testid="publish-problems">
        {problems?.map((p) => (
          <li
            key={`${p.direction}:${p.nodeId ?? ""}:${p.path?.join(".") ?? ""}:${p.message}`}
            className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-red-800"
          >
            <span className="shrink-0 rounded bg-white px-1.5 text-xs font-semibold text-slate-600">
              {arrow[p.direction]}
            </span>
            <span className="flex-1">
              {p.nodeId ? <strong className="font-medium">{p.nodeId}: </strong> : null}
              {p.message}
            </span>
            {p.nodeId ? (
              <button
                type="button"
                className="shrink-0 text-xs underline"
                onClick={() => p.nodeId && onFocusNode(p.direction, p.nodeId)}
              >
                Show
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="mt-4 flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}
