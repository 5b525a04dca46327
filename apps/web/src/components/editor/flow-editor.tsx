"use client";

import {
  type FlowDraft,
  type FlowOperation,
  type FlowOperationInput,
  type NodeType,
  type SyncDefinition,
  validateFlow,
} from "@duplex/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useToast } from "@/components/ui/toast";
import { autoLayoutOperations } from "@/lib/editor/auto-layout";
import { newNodeConfig, nextNodeId } from "@/lib/editor/canvas-rules";
import { copySelection, parseClipboard, pasteOperations } from "@/lib/editor/clipboard";
import { useTRPC } from "./api";
import { EditorToolbar } from "./editor-toolbar";
import { FlowCanvas } from "./flow-canvas";
import { NodePalette } from "./node-palette";
import { NodePanel } from "./node-panel";
import { type PublishProblem, PublishProblemsDialog } from "./publish-dialog";
import { TestStepPanel } from "./test-step-panel";
import { useFlowEditor } from "./use-flow-editor";
import { VersionsPanel } from "./versions-panel";

export interface EditableFlow {
  id: string;
  direction: "a-to-b" | "b-to-a";
  draft: FlowDraft;
  revision: number;
}

type Panel = { kind: "node" } | { kind: "test"; nodeId: string } | { kind: "versions" };

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/** One direction's canvas with its palette, panels, autosave, shortcuts and publishing. */
export function FlowEditor({
  flow,
  syncId,
  sync,
  focusNode,
}: {
  flow: EditableFlow;
  syncId: string;
  sync: SyncDefinition;
  focusNode: string | null;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const applyOps = useMutation(trpc.flows.applyOperations.mutationOptions());
  const saveDraft = useMutation(trpc.flows.saveDraft.mutationOptions());
  const saver = useMemo(
    () => ({
      applyOperations: (input: { revision: number; operations: FlowOperation[] }) =>
        applyOps.mutateAsync({ flowId: flow.id, ...input }),
      saveDraft: (input: { revision: number; draft: FlowDraft }) =>
        saveDraft.mutateAsync({ flowId: flow.id, ...input }),
    }),
    [applyOps.mutateAsync, saveDraft.mutateAsync, flow.id],
  );
  const editor = useFlowEditor(flow, saver, toast.error);
  // Keep the cached sync in step, so switching tabs reopens the latest draft and revision.
  // Only write when it differs: every write notifies the parent, which renders this editor again.
  const { status, draft: currentDraft, revision: currentRevision } = editor;
  useEffect(() => {
    if (status !== "saved") return;
    const revision = currentRevision();
    const key = trpc.syncs.get.queryKey({ syncId });
    const cached = queryClient.getQueryData(key);
    const flowCached = cached?.flows.find((f) => f.id === flow.id);
    if (!cached || !flowCached || flowCached.revision === revision) return;
    queryClient.setQueryData(key, {
      ...cached,
      flows: cached.flows.map((f) =>
        f.id === flow.id ? { ...f, draft: currentDraft, revision } : f,
      ),
    });
  }, [status, currentDraft, currentRevision, flow.id, queryClient, syncId, trpc]);

  const sides = useQuery(trpc.flows.sides.queryOptions({ flowId: flow.id }, { staleTime: 60_000 }));
  const [viewing, setViewing] = useState<{ id: string; version: number } | null>(null);
  const version = useQuery(
    trpc.flows.version.queryOptions(
      { versionId: viewing?.id ?? "00000000-0000-0000-0000-000000000000" },
      { enabled: viewing !== null },
    ),
  );
  const readOnly = viewing !== null;
  const draft = readOnly && version.data ? version.data.definition : editor.draft;
  const source = sides.data?.source ?? null;
  const target = sides.data?.target ?? null;
  const problems = useMemo(
    () =>
      validateFlow(draft, {
        sync,
        twoWay: true,
        ...(source ? { source } : {}),
        ...(target ? { target } : {}),
      }),
    [draft, sync, source, target],
  );
  const objectKey = sides.data?.objectKey ?? sync.objects[0]?.key ?? null;

  const [selected, setSelected] = useState<string[]>([]);
  const [panel, setPanel] = useState<Panel | null>(null);
  useEffect(() => {
    if (focusNode) {
      setSelected([focusNode]);
      setPanel({ kind: "node" });
    }
  }, [focusNode]);

  // Stable, and a no-op for an unchanged selection: the canvas reports selection on every change.
  const onSelectionChange = useCallback((ids: string[]) => {
    setSelected((old) =>
      old.length === ids.length && old.every((id, i) => id === ids[i]) ? old : ids,
    );
    if (ids.length === 1)
      setPanel((p) => (p?.kind === "test" || p?.kind === "node" ? p : { kind: "node" }));
  }, []);

  const apply = useCallback(
    (ops: FlowOperationInput[], coalesceKey?: string) => {
      if (readOnly) return "This version is read-only";
      const refusal = editor.apply(ops, coalesceKey ?? null);
      if (refusal) toast.show("error", refusal);
      return refusal;
    },
    [editor, readOnly, toast],
  );

  const addNode = (type: NodeType) => {
    const right = Math.max(0, ...editor.draft.nodes.map((n) => n.position.x)) + 260;
    apply([
      {
        type: "addNode",
        node: {
          id: nextNodeId(editor.draft, type),
          type,
          position: { x: right, y: 160 },
          config: newNodeConfig(type, objectKey),
        },
      },
    ]);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || readOnly || !(event.metaKey || event.ctrlKey)) return;
      const key = event.key.toLowerCase();
      if (key === "z" || key === "y") {
        event.preventDefault();
        if (key === "y" || event.shiftKey) editor.redo();
        else editor.undo();
      } else if (key === "c" && selected.length > 0) {
        void navigator.clipboard?.writeText(
          JSON.stringify(copySelection(editor.draft, new Set(selected))),
        );
      } else if (key === "v") {
        void navigator.clipboard?.readText().then((text) => {
          const content = parseClipboard(text);
          if (content) apply(pasteOperations(editor.draft, content));
        });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [apply, editor, readOnly, selected]);

  const publish = useMutation(trpc.flows.publish.mutationOptions());
  const [publishProblems, setPublishProblems] = useState<PublishProblem[] | null>(null);
  const onPublish = async () => {
    if (!(await editor.flush())) return;
    try {
      const result = await publish.mutateAsync({ syncId });
      if (result.published) {
        toast.show(
          "success",
          `Published: ${[...new Set(result.versions.map((v) => `v${v.version}`))].join(", ")} of both directions`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.flows.versions.queryKey() });
      } else setPublishProblems(result.problems);
    } catch (error) {
      toast.error(error);
    }
  };
  const restore = useMutation(trpc.flows.restoreVersion.mutationOptions());
  const onRestore = async (versionId: string) => {
    if (!(await editor.flush())) return;
    try {
      const saved = await restore.mutateAsync({
        flowId: flow.id,
        versionId,
        revision: editor.revision(),
      });
      editor.reset(saved);
      setViewing(null);
      toast.show("success", "Restored as the new draft");
    } catch (error) {
      toast.error(error);
    }
  };

  const selectedNode =
    selected.length === 1 ? draft.nodes.find((n) => n.id === selected[0]) : undefined;
  const errorCount = problems.filter((p) => p.severity === "error").length;
  return (
    <div className="flex h-full flex-col">
      <EditorToolbar
        status={editor.status}
        readOnly={readOnly}
        canUndo={editor.canUndo}
        canRedo={editor.canRedo}
        errorCount={errorCount}
        publishing={publish.isPending}
        onUndo={editor.undo}
        onRedo={editor.redo}
        onLayout={() => apply(autoLayoutOperations(editor.draft))}
        onTest={() =>
          setPanel({ kind: "test", nodeId: selected[0] ?? editor.draft.nodes.at(-1)?.id ?? "" })
        }
        onVersions={() => setPanel({ kind: "versions" })}
        onPublish={onPublish}
      />
      {viewing ? (
        <div
          className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
          role="status"
        >
          Viewing version {viewing.version} (read-only).
          <button
            type="button"
            className="font-medium underline"
            onClick={() => onRestore(viewing.id)}
          >
            Restore as draft
          </button>
          <button type="button" className="font-medium underline" onClick={() => setViewing(null)}>
            Back to the draft
          </button>
        </div>
      ) : null}
      {sides.data?.errors.length ? (
        <p className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-800">
          {sides.data.errors.join(" · ")}
        </p>
      ) : null}
      <div className="flex min-h-0 flex-1">
        <NodePalette onAdd={addNode} disabled={readOnly} />
        <div className="min-w-0 flex-1">
          <FlowCanvas
            key={viewing?.id ?? "draft"}
            draft={draft}
            problems={problems}
            readOnly={readOnly}
            objectKey={objectKey}
            onOperations={(ops) => apply(ops)}
            onRefused={() => {}}
            onSelectionChange={onSelectionChange}
          />
        </div>
        {panel?.kind === "node" && selectedNode ? (
          <NodePanel
            key={selectedNode.id}
            node={selectedNode}
            draft={draft}
            sync={sync}
            objectKey={objectKey}
            problems={problems}
            sides={{ source, target }}
            readOnly={readOnly}
            onOperations={(ops, key) => apply(ops, key)}
            onTest={(nodeId) => setPanel({ kind: "test", nodeId })}
            onClose={() => setPanel(null)}
          />
        ) : null}
        {panel?.kind === "test" ? (
          <TestStepPanel
            flowId={flow.id}
            nodeId={panel.nodeId}
            draft={draft}
            onNodeChange={(nodeId) => setPanel({ kind: "test", nodeId })}
            onClose={() => setPanel(null)}
          />
        ) : null}
        {panel?.kind === "versions" ? (
          <VersionsPanel
            flowId={flow.id}
            viewing={viewing?.id ?? null}
            onView={(id, v) => setViewing({ id, version: v })}
            onRestore={onRestore}
            onClose={() => setPanel(null)}
          />
        ) : null}
      </div>
      <PublishProblemsDialog
        problems={publishProblems}
        onClose={() => setPublishProblems(null)}
        onFocusNode={(_d, nodeId) => {
          setPublishProblems(null);
          setSelected([nodeId]);
          setPanel({ kind: "node" });
        }}
      />
    </div>
  );
}
