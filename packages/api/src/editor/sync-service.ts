import {
  type Direction,
  defaultFlowForSync,
  type FlowDefinition,
  type Mapping,
  type ObjectDescriptor,
  type SyncDefinition,
  syncDefinitionSchema,
} from "@duplex/core";
import { connections, createSync, getSync, listFlows, runs, type SyncRow, syncs } from "@duplex/db";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { type EditorDeps, EditorError, messageOf, withConnector } from "./deps";
import { type CreateSyncInput, createSyncInputSchema } from "./sync-input";

export interface SyncSummary {
  id: string;
  name: string;
  status: SyncRow["status"];
  mode: string;
  conflictPolicy: string;
  objects: string[];
  connectionA: { id: string; name: string; type: string };
  connectionB: { id: string; name: string; type: string };
  lastRun: { status: string; at: string } | null;
  errorCount: number;
  updatedAt: string;
}

/** The stored definition, parsed: a row that no longer parses is a bug worth a loud message. */
export function syncDefinitionOf(row: SyncRow): SyncDefinition {
  const parsed = syncDefinitionSchema.safeParse(row.definition);
  if (!parsed.success) {
    throw new EditorError("BAD_REQUEST", `Sync '${row.name}' has an invalid definition`);
  }
  return parsed.data;
}

export function modeLabel(definition: SyncDefinition): string {
  return definition.mode.type === "sor"
    ? `System of record: ${definition.mode.side.toUpperCase()}`
    : "External ID";
}

export async function requireSync(deps: EditorDeps, syncId: string): Promise<SyncRow> {
  const row = await getSync(deps.db, syncId);
  if (!row)
    throw new EditorError("NOT_FOUND", "This sync does not exist (it may have been deleted)");
  return row;
}

export async function listSyncSummaries(deps: EditorDeps): Promise<SyncSummary[]> {
  const rows = await deps.db.select().from(syncs).orderBy(desc(syncs.updatedAt));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const connectionRows = await deps.db
    .select({ id: connections.id, name: connections.name, type: connections.type })
    .from(connections);
  const byId = new Map(connectionRows.map((c) => [c.id, c]));
  // Last run per sync and its failures: DISTINCT ON keeps one row per sync, newest first.
  const lastRuns = await deps.db
    .selectDistinctOn([runs.syncId], {
      syncId: runs.syncId,
      status: runs.status,
      createdAt: runs.createdAt,
      counts: runs.counts,
    })
    .from(runs)
    .where(inArray(runs.syncId, ids))
    .orderBy(runs.syncId, desc(runs.createdAt));
  const failedRuns = await deps.db
    .select({ syncId: runs.syncId, n: sql<number>`count(*)::int` })
    .from(runs)
    .where(and(inArray(runs.syncId, ids), inArray(runs.status, ["failed", "partially-failed"])))
    .groupBy(runs.syncId);
  const failures = new Map(failedRuns.map((r) => [r.syncId, r.n]));
  const last = new Map(lastRuns.map((r) => [r.syncId, r]));
  const unknown = (id: string) => ({ id, name: "(deleted connection)", type: "unknown" });
  return rows.map((row) => {
    const parsed = syncDefinitionSchema.safeParse(row.definition);
    const run = last.get(row.id);
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      mode: parsed.success ? modeLabel(parsed.data) : "invalid definition",
      conflictPolicy: parsed.success ? parsed.data.conflictPolicy : "",
      objects: parsed.success ? parsed.data.objects.map((o) => `${o.objectA} ⇄ ${o.objectB}`) : [],
      connectionA: byId.get(row.connectionAId) ?? unknown(row.connectionAId),
      connectionB: byId.get(row.connectionBId) ?? unknown(row.connectionBId),
      lastRun: run ? { status: run.status, at: run.createdAt.toISOString() } : null,
      errorCount: failures.get(row.id) ?? 0,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

async function describeOrNull(
  deps: EditorDeps,
  connectionId: string,
  object: string,
): Promise<ObjectDescriptor | null> {
  try {
    return await withConnector(deps, connectionId, (c) => c.describeObject(object));
  } catch {
    // Auto-mapping is a convenience: an unreachable system still gets a sync, mapped by hand.
    return null;
  }
}

export interface CreateSyncOptions {
  /** The map node's mappings per direction (a template's), instead of auto-mapping by name. */
  mappings?: Record<Direction, Mapping[]>;
}

/** The flow with `mappings` in its map node. */
export function withMappings(flow: FlowDefinition, mappings: Mapping[]): FlowDefinition {
  return {
    ...flow,
    nodes: flow.nodes.map((node) =>
      node.type === "map" ? { ...node, config: { ...node.config, mappings } } : node,
    ),
  };
}

export async function createSyncWithFlows(
  deps: EditorDeps,
  raw: CreateSyncInput,
  userId: string | null,
  options: CreateSyncOptions = {},
): Promise<{ syncId: string; flowIds: string[] }> {
  const input = createSyncInputSchema.parse(raw);
  const candidate = {
    schemaVersion: 1 as const,
    name: input.name,
    connectionA: input.connectionAId,
    connectionB: input.connectionBId,
    mode: input.mode,
    conflictPolicy: input.conflictPolicy,
    objects: input.objects,
  };
  const parsed = syncDefinitionSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new EditorError("BAD_REQUEST", parsed.error.issues.map((i) => i.message).join("; "));
  }
  const definition = parsed.data;
  if ((await deps.db.select().from(syncs).where(eq(syncs.name, definition.name))).length > 0) {
    throw new EditorError("CONFLICT", `A sync named '${definition.name}' already exists`);
  }
  // Given mappings (a template's) need no auto-mapping, so neither system is described (or reached).
  const { mappings } = options;
  const [pair] = mappings ? [] : definition.objects;
  const a = pair ? await describeOrNull(deps, input.connectionAId, pair.objectA) : null;
  const b = pair ? await describeOrNull(deps, input.connectionBId, pair.objectB) : null;
  const flowFor = (direction: Direction) => {
    const [source, target] = direction === "a-to-b" ? [a, b] : [b, a];
    const flow = defaultFlowForSync(definition, direction, {
      trigger: input.trigger,
      ...(source && target ? { source, target } : {}),
    });
    return mappings ? withMappings(flow, mappings[direction]) : flow;
  };
  const created = await createSync(deps.db, {
    name: definition.name,
    connectionAId: input.connectionAId,
    connectionBId: input.connectionBId,
    definition,
    flows: (["a-to-b", "b-to-a"] as const).map((direction) => ({
      direction,
      draft: flowFor(direction),
    })),
    createdBy: userId,
  });
  return { syncId: created.sync.id, flowIds: created.flows.map((f) => f.id) };
}

export async function duplicateSync(
  deps: EditorDeps,
  syncId: string,
  userId: string | null,
): Promise<{ syncId: string }> {
  const row = await requireSync(deps, syncId);
  const definition = syncDefinitionOf(row);
  const taken = new Set(
    (await deps.db.select({ name: syncs.name }).from(syncs)).map((r) => r.name),
  );
  let name = `${row.name} (copy)`;
  for (let n = 2; taken.has(name); n += 1) name = `${row.name} (copy ${n})`;
  const existing = await listFlows(deps.db, syncId);
  const created = await createSync(deps.db, {
    name,
    connectionAId: row.connectionAId,
    connectionBId: row.connectionBId,
    definition: { ...definition, name },
    flows: existing.map((f) => ({ direction: f.direction, draft: f.draft })),
    createdBy: userId,
  });
  return { syncId: created.sync.id };
}

export async function deleteSync(deps: EditorDeps, syncId: string): Promise<void> {
  await requireSync(deps, syncId);
  try {
    // Runs pin versions with ON DELETE RESTRICT, so drop them first; the rest cascades.
    await deps.db.transaction(async (tx) => {
      await tx.delete(runs).where(eq(runs.syncId, syncId));
      await tx.delete(syncs).where(eq(syncs.id, syncId));
    });
  } catch (error) {
    throw new EditorError("BAD_REQUEST", `Could not delete the sync: ${messageOf(error)}`);
  }
}
