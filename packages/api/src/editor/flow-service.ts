import {
  applyFlowOperations,
  type FlowDraft,
  type FlowOperationInput,
  flowDraftSchema,
  flowOperationSchema,
  type SyncDefinition,
} from "@duplex/core";
import {
  type FlowRow,
  getFlow,
  listFlows,
  StaleRevisionError,
  type SyncRow,
  saveFlowDraft,
} from "@duplex/db";
import { z } from "zod";
import { type EditorDeps, EditorError } from "./deps";
import { requireSync, syncDefinitionOf } from "./sync-service";

export interface FlowView {
  id: string;
  direction: FlowRow["direction"];
  draft: FlowDraft;
  revision: number;
  publishedVersionId: string | null;
  updatedAt: string;
}

export interface SyncEditorView {
  sync: {
    id: string;
    name: string;
    status: SyncRow["status"];
    definition: SyncDefinition;
    connectionAId: string;
    connectionBId: string;
  };
  flows: FlowView[];
}

export const STALE_MESSAGE = "This flow was changed in another tab or by someone else — reload";

export function flowView(row: FlowRow): FlowView {
  const parsed = flowDraftSchema.safeParse(row.draft);
  if (!parsed.success) throw new EditorError("BAD_REQUEST", "The stored draft is not a flow");
  return {
    id: row.id,
    direction: row.direction,
    draft: parsed.data,
    revision: row.draftRevision,
    publishedVersionId: row.publishedVersionId,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function requireFlow(deps: EditorDeps, flowId: string): Promise<FlowRow> {
  const row = await getFlow(deps.db, flowId);
  if (!row) throw new EditorError("NOT_FOUND", "This flow does not exist");
  return row;
}

export async function getSyncEditor(deps: EditorDeps, syncId: string): Promise<SyncEditorView> {
  const row = await requireSync(deps, syncId);
  const rows = await listFlows(deps.db, syncId);
  return {
    sync: {
      id: row.id,
      name: row.name,
      status: row.status,
      definition: syncDefinitionOf(row),
      connectionAId: row.connectionAId,
      connectionBId: row.connectionBId,
    },
    flows: rows.map(flowView),
  };
}

async function save(
  deps: EditorDeps,
  flowId: string,
  revision: number,
  draft: FlowDraft,
  userId: string | null,
): Promise<FlowView> {
  try {
    return flowView(await saveFlowDraft(deps.db, flowId, revision, draft, userId));
  } catch (error) {
    if (error instanceof StaleRevisionError) throw new EditorError("CONFLICT", STALE_MESSAGE);
    throw error;
  }
}

export const applyOperationsInputSchema = z.object({
  flowId: z.uuid(),
  revision: z.number().int().min(1),
  operations: z.array(flowOperationSchema).min(1).max(500),
});

/** The server applies the very function the canvas applied, so both enforce the same rules. */
export async function applyOperationsToDraft(
  deps: EditorDeps,
  input: { flowId: string; revision: number; operations: FlowOperationInput[] },
  userId: string | null,
): Promise<FlowView> {
  const parsed = applyOperationsInputSchema.parse(input);
  const row = await requireFlow(deps, parsed.flowId);
  if (row.draftRevision !== parsed.revision) throw new EditorError("CONFLICT", STALE_MESSAGE);
  const result = applyFlowOperations(flowView(row).draft, parsed.operations);
  if (!result.ok) throw new EditorError("BAD_REQUEST", result.message);
  return save(deps, parsed.flowId, parsed.revision, result.flow, userId);
}

export const saveDraftInputSchema = z.object({
  flowId: z.uuid(),
  revision: z.number().int().min(1),
  draft: flowDraftSchema,
});

export async function saveDraft(
  deps: EditorDeps,
  input: z.input<typeof saveDraftInputSchema>,
  userId: string | null,
): Promise<FlowView> {
  const parsed = saveDraftInputSchema.parse(input);
  const row = await requireFlow(deps, parsed.flowId);
  if (parsed.draft.direction !== row.direction) {
    throw new EditorError("BAD_REQUEST", `This flow runs ${row.direction}`);
  }
  return save(deps, parsed.flowId, parsed.revision, parsed.draft, userId);
}
