import {
  applyFlowOperations,
  type FlowDraft,
  type FlowOperation,
  type FlowOperationInput,
  flowOperationSchema,
} from "@duplex/core";

/**
 * The editor's document state: the draft, undo/redo snapshots, and what autosave still has to send.
 * Every edit goes through core's `applyFlowOperations`, the function the server applies too.
 */
export interface EditState {
  draft: FlowDraft;
  past: FlowDraft[];
  future: FlowDraft[];
  /** Operations not yet saved, in order; null means "send the whole draft" (after undo/redo). */
  pending: FlowOperation[] | null;
  /** Set when the last edit may be merged into the previous history entry (typing in a field). */
  coalesceKey: string | null;
}

export const HISTORY_LIMIT = 100;

export function initialEditState(draft: FlowDraft): EditState {
  return { draft, past: [], future: [], pending: [], coalesceKey: null };
}

export type EditResult = { ok: true; state: EditState } | { ok: false; message: string };

/**
 * Applies typed operations. `coalesceKey` lets a run of edits to one field (each keystroke) undo
 * as one step instead of one per character.
 */
export function applyEdit(
  state: EditState,
  inputs: readonly FlowOperationInput[],
  coalesceKey: string | null = null,
): EditResult {
  const ops = inputs.map((op) => flowOperationSchema.parse(op));
  const result = applyFlowOperations(state.draft, ops);
  if (!result.ok) return { ok: false, message: result.message };
  const merge = coalesceKey !== null && coalesceKey === state.coalesceKey;
  const past = merge ? state.past : [...state.past, state.draft].slice(-HISTORY_LIMIT);
  return {
    ok: true,
    state: {
      draft: result.flow,
      past,
      future: [],
      pending: state.pending === null ? null : [...state.pending, ...ops],
      coalesceKey,
    },
  };
}

export function undo(state: EditState): EditState {
  const previous = state.past.at(-1);
  if (!previous) return state;
  return {
    draft: previous,
    past: state.past.slice(0, -1),
    future: [state.draft, ...state.future],
    pending: null,
    coalesceKey: null,
  };
}

export function redo(state: EditState): EditState {
  const [next, ...rest] = state.future;
  if (!next) return state;
  return {
    draft: next,
    past: [...state.past, state.draft],
    future: rest,
    pending: null,
    coalesceKey: null,
  };
}

/** After a save: what was sent is no longer pending; edits made meanwhile still are. */
export function markSaved(state: EditState, sent: FlowOperation[] | null): EditState {
  if (sent === null || state.pending === null) {
    // A whole-draft save covers everything only if nothing changed while it was in flight.
    return { ...state, pending: state.pending === null && sent === null ? [] : state.pending };
  }
  return { ...state, pending: state.pending.slice(sent.length) };
}

export function hasUnsaved(state: EditState): boolean {
  return state.pending === null || state.pending.length > 0;
}
