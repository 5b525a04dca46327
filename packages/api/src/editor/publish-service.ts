import {
  type FlowDraft,
  flowDefinitionSchema,
  type ObjectDescriptor,
  type Problem,
  type SyncDefinition,
  sourceSideOf,
  validateFlow,
} from "@duplex/core";
import { getFlowVersion, listFlows, listFlowVersions, publishFlowVersion, users } from "@duplex/db";
import { inArray } from "drizzle-orm";
import { type EditorDeps, EditorError, messageOf, withConnector } from "./deps";
import { type FlowView, flowView, requireFlow } from "./flow-service";
import { requireSync, syncDefinitionOf } from "./sync-service";

export interface FlowProblem extends Problem {
  direction: "a-to-b" | "b-to-a";
}

export interface FlowSides {
  objectKey: string | null;
  source: ObjectDescriptor | null;
  target: ObjectDescriptor | null;
  /** Why a side could not be described (connection down, object missing). */
  errors: string[];
}

/** The object pair a flow works on: its trigger's, else the sync's first. */
export function objectKeyOf(draft: FlowDraft, sync: SyncDefinition): string | null {
  const trigger = draft.nodes.find((n) => n.type.startsWith("trigger."));
  const key = trigger?.config.object;
  if (typeof key === "string" && sync.objects.some((o) => o.key === key)) return key;
  return sync.objects[0]?.key ?? null;
}

/** Live descriptors of the flow's source and target objects, for mapping and validation. */
export async function describeFlowSides(
  deps: EditorDeps,
  sync: { definition: SyncDefinition; connectionAId: string; connectionBId: string },
  draft: FlowDraft,
): Promise<FlowSides> {
  const objectKey = objectKeyOf(draft, sync.definition);
  const pair = sync.definition.objects.find((o) => o.key === objectKey);
  if (!pair) return { objectKey, source: null, target: null, errors: [] };
  const errors: string[] = [];
  const describe = async (side: "a" | "b") => {
    const connectionId = side === "a" ? sync.connectionAId : sync.connectionBId;
    const object = side === "a" ? pair.objectA : pair.objectB;
    try {
      return await withConnector(deps, connectionId, (c) => c.describeObject(object));
    } catch (error) {
      errors.push(`Side ${side.toUpperCase()} (${object}): ${messageOf(error)}`);
      return null;
    }
  };
  const sourceSide = sourceSideOf(draft.direction);
  const [a, b] = [await describe("a"), await describe("b")];
  const [source, target] = sourceSide === "a" ? [a, b] : [b, a];
  return { objectKey, source, target, errors };
}

export type PublishResult =
  | { published: true; versions: { flowId: string; version: number }[] }
  | { published: false; problems: FlowProblem[] };

/** Validates every flow of the sync together; publishes all of them or none. */
export async function publishSync(
  deps: EditorDeps,
  input: { syncId: string; note?: string },
  userId: string | null,
): Promise<PublishResult> {
  const row = await requireSync(deps, input.syncId);
  const definition = syncDefinitionOf(row);
  const flows = (await listFlows(deps.db, row.id)).map(flowView);
  const sync = { definition, connectionAId: row.connectionAId, connectionBId: row.connectionBId };
  const problems: FlowProblem[] = [];
  const ready: { flow: FlowView; definition: Record<string, unknown> }[] = [];
  for (const flow of flows) {
    const sides = await describeFlowSides(deps, sync, flow.draft);
    const found = validateFlow(flow.draft, {
      sync: definition,
      twoWay: flows.length > 1,
      ...(sides.source ? { source: sides.source } : {}),
      ...(sides.target ? { target: sides.target } : {}),
    });
    problems.push(...found.map((p) => ({ ...p, direction: flow.direction })));
    const parsed = flowDefinitionSchema.safeParse(flow.draft);
    if (parsed.success) ready.push({ flow, definition: parsed.data });
  }
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0 || ready.length !== flows.length)
    return { published: false, problems: errors };
  const versions = [];
  for (const { flow, definition: flowDefinition } of ready) {
    const version = await publishFlowVersion(deps.db, flow.id, flowDefinition, definition, {
      note: input.note ?? "",
      createdBy: userId,
    });
    versions.push({ flowId: flow.id, version: version.version });
  }
  return { published: true, versions };
}

export interface VersionSummary {
  id: string;
  version: number;
  note: string;
  author: string;
  createdAt: string;
  published: boolean;
}

export async function listVersions(deps: EditorDeps, flowId: string): Promise<VersionSummary[]> {
  const flow = await requireFlow(deps, flowId);
  const rows = await listFlowVersions(deps.db, flowId);
  const authorIds = rows.map((r) => r.createdBy).filter((id): id is string => id !== null);
  const authors = authorIds.length
    ? await deps.db
        .select({ id: users.id, username: users.username })
        .from(users)
        .where(inArray(users.id, authorIds))
    : [];
  const names = new Map(authors.map((a) => [a.id, a.username]));
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    note: r.note,
    author: (r.createdBy && names.get(r.createdBy)) || "unknown",
    createdAt: r.createdAt.toISOString(),
    published: flow.publishedVersionId === r.id,
  }));
}

export async function readVersion(deps: EditorDeps, versionId: string) {
  const row = await getFlowVersion(deps.db, versionId);
  if (!row) throw new EditorError("NOT_FOUND", "This version does not exist");
  const parsed = flowDefinitionSchema.safeParse(row.definition);
  if (!parsed.success) throw new EditorError("BAD_REQUEST", "This version is not a valid flow");
  return { id: row.id, flowId: row.flowId, version: row.version, definition: parsed.data };
}

/** The old definition becomes the new draft; versions themselves never change. */
export async function versionAsDraft(
  deps: EditorDeps,
  input: { flowId: string; versionId: string },
): Promise<FlowDraft> {
  const version = await readVersion(deps, input.versionId);
  if (version.flowId !== input.flowId) {
    throw new EditorError("BAD_REQUEST", "That version belongs to another flow");
  }
  return version.definition;
}
