"use client";

import type { FlowDraft, FlowOperation, FlowOperationInput } from "@duplex/core";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  applyEdit,
  type EditState,
  hasUnsaved,
  initialEditState,
  markSaved,
  redo as redoState,
  undo as undoState,
} from "@/lib/editor/edit-history";

export interface SavedFlow {
  draft: FlowDraft;
  revision: number;
}

export interface FlowSaver {
  applyOperations(input: { revision: number; operations: FlowOperation[] }): Promise<SavedFlow>;
  saveDraft(input: { revision: number; draft: FlowDraft }): Promise<SavedFlow>;
}

export type SaveStatus = "saved" | "unsaved" | "saving" | "stale" | "failed";

export const AUTOSAVE_DELAY_MS = 700;

/** tRPC errors carry their code in `data.code`; a CONFLICT means another tab saved first. */
function isConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("data" in error)) return false;
  const { data } = error;
  return typeof data === "object" && data !== null && "code" in data && data.code === "CONFLICT";
}

/**
 * One flow's editing session: edits are applied locally at once (core's pure function), and saved
 * in the background, debounced, as operations (or the whole draft after undo/redo) with the
 * revision they were based on. A stale revision stops saving: nothing is overwritten.
 */
export function useFlowEditor(
  initial: SavedFlow,
  saver: FlowSaver,
  onSaveError: (error: unknown) => void,
) {
  const [state, setState] = useState<EditState>(() => initialEditState(initial.draft));
  const [status, setStatus] = useState<SaveStatus>("saved");
  const revision = useRef(initial.revision);
  const stateRef = useRef(state);
  stateRef.current = state;
  const inFlight = useRef<Promise<void> | null>(null);

  const flush = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const current = stateRef.current;
    if (!hasUnsaved(current)) return true;
    if (status === "stale") return false;
    const sent = current.pending;
    setStatus("saving");
    let ok = false;
    const run = (async () => {
      try {
        const saved =
          sent === null
            ? await saver.saveDraft({ revision: revision.current, draft: current.draft })
            : await saver.applyOperations({ revision: revision.current, operations: sent });
        revision.current = saved.revision;
        setState((s) => markSaved(s, sent));
        ok = true;
        setStatus(hasUnsaved(markSaved(stateRef.current, sent)) ? "unsaved" : "saved");
      } catch (error) {
        setStatus(isConflict(error) ? "stale" : "failed");
        // Whatever the server refused, the next save sends the whole draft.
        setState((s) => ({ ...s, pending: null }));
        onSaveError(error);
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
    return ok;
  }, [saver, onSaveError, status]);

  useEffect(() => {
    if (!hasUnsaved(state) || status === "stale" || status === "failed") return;
    setStatus((s) => (s === "saving" ? s : "unsaved"));
    const timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state, status, flush]);

  const apply = useCallback(
    (ops: FlowOperationInput[], coalesceKey: string | null = null): string | null => {
      const result = applyEdit(stateRef.current, ops, coalesceKey);
      if (!result.ok) return result.message;
      stateRef.current = result.state;
      setState(result.state);
      setStatus((s) => (s === "failed" ? "unsaved" : s));
      return null;
    },
    [],
  );

  const undo = useCallback(() => setState((s) => undoState(s)), []);
  const redo = useCallback(() => setState((s) => redoState(s)), []);

  /** Replaces the document after a restore: the server's draft and revision become the base. */
  const reset = useCallback((saved: SavedFlow) => {
    revision.current = saved.revision;
    const fresh = initialEditState(saved.draft);
    stateRef.current = fresh;
    setState(fresh);
    setStatus("saved");
  }, []);

  const currentRevision = useCallback(() => revision.current, []);

  return {
    draft: state.draft,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    status,
    apply,
    undo,
    redo,
    flush,
    reset,
    revision: currentRevision,
  };
}
