"use client";

import { Button } from "@/components/ui/button";
import type { SaveStatus } from "./use-flow-editor";

const statusText: Record<SaveStatus, string> = {
  saved: "All changes saved",
  unsaved: "Unsaved changes…",
  saving: "Saving…",
  stale: "Changed in another tab — reload",
  failed: "Not saved",
};

export function EditorToolbar(props: {
  status: SaveStatus;
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  errorCount: number;
  publishing: boolean;
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onTest(): void;
  onVersions(): void;
  onPublish(): void;
}) {
  const tone =
    props.status === "stale" || props.status === "failed" ? "text-red-600" : "text-slate-500";
  return (
    <div
      role="toolbar"
      aria-label="Editor"
      className="flex items-center gap-1.5 border-b border-slate-200 bg-white px-3 py-2"
    >
      <Button
        size="sm"
        variant="ghost"
        onClick={props.onUndo}
        disabled={props.readOnly || !props.canUndo}
        aria-keyshortcuts="Control+Z"
        title="Undo (Ctrl/Cmd+Z)"
      >
        ↶ Undo
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={props.onRedo}
        disabled={props.readOnly || !props.canRedo}
        aria-keyshortcuts="Control+Shift+Z"
        title="Redo (Shift+Ctrl/Cmd+Z)"
      >
        ↷ Redo
      </Button>
      <Button size="sm" variant="ghost" onClick={props.onLayout} disabled={props.readOnly}>
        Auto-layout
      </Button>
      <span className={`ml-2 text-xs ${tone}`} role="status" data-testid="save-status">
        {props.readOnly ? "Read-only" : statusText[props.status]}
      </span>
      {props.status === "stale" ? (
        <Button size="sm" onClick={() => window.location.reload()}>
          Reload
        </Button>
      ) : null}
      <span className="ml-auto text-xs text-slate-500">
        {props.errorCount > 0 ? (
          <span className="text-red-600">
            {props.errorCount} problem{props.errorCount > 1 ? "s" : ""}
          </span>
        ) : (
          "No problems"
        )}
      </span>
      <Button size="sm" onClick={props.onTest}>
        ▶ Test
      </Button>
      <Button size="sm" onClick={props.onVersions}>
        History
      </Button>
      <Button
        size="sm"
        variant="primary"
        onClick={props.onPublish}
        disabled={props.publishing || props.readOnly}
      >
        {props.publishing ? "Publishing…" : "Publish"}
      </Button>
    </div>
  );
}
