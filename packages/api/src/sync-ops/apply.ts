import {
  connections,
  createSync,
  flows,
  getSyncByName,
  listFlows,
  saveFlowDraft,
  syncs,
} from "@duplex/db";
import { eq } from "drizzle-orm";
import type { EditorDeps } from "../editor/deps";
import { publishSync } from "../editor/publish-service";
import { checkSyncDocument, type DocumentProblem, directions } from "./sync-document";

export type ApplyResult =
  | {
      applied: true;
      syncId: string;
      created: boolean;
      versions: { flowId: string; direction: string; version: number }[];
    }
  | { applied: false; problems: DocumentProblem[] };

async function connectionIdByName(deps: EditorDeps, name: string): Promise<string | null> {
  const [row] = await deps.db
    .select({ id: connections.id })
    .from(connections)
    .where(eq(connections.name, name));
  return row?.id ?? null;
}

/**
 * Creates or updates a sync (matched by name) and its flows from a definition document, then
 * publishes every flow. All problems come back at once with their JSON paths; nothing is written
 * unless the document is valid. Publishing validates again against the live schemas of both
 * systems, and those problems are reported against the flow's nodes in the document too.
 */
export async function applySyncDocument(
  deps: EditorDeps,
  input: unknown,
  userId: string | null,
): Promise<ApplyResult> {
  const checked = checkSyncDocument(input);
  if (!checked.ok) return { applied: false, problems: checked.problems };
  const { sync, flows: documentFlows } = checked.document;
  const connectionAId = await connectionIdByName(deps, sync.connectionA);
  const connectionBId = await connectionIdByName(deps, sync.connectionB);
  const missing: DocumentProblem[] = [];
  if (!connectionAId)
    missing.push({
      path: ["sync", "connectionA"],
      message: `No connection named "${sync.connectionA}".`,
    });
  if (!connectionBId)
    missing.push({
      path: ["sync", "connectionB"],
      message: `No connection named "${sync.connectionB}".`,
    });
  if (!connectionAId || !connectionBId) return { applied: false, problems: missing };

  // Stored definitions name connections by id, as the editor's do.
  const definition = { ...sync, connectionA: connectionAId, connectionB: connectionBId };
  const drafts = directions.flatMap((direction) => {
    const draft = documentFlows[direction];
    return draft ? [{ direction, draft }] : [];
  });
  const existing = await getSyncByName(deps.db, sync.name);
  let syncId: string;
  if (!existing) {
    const created = await createSync(deps.db, {
      name: sync.name,
      connectionAId,
      connectionBId,
      definition,
      flows: drafts,
      createdBy: userId,
    });
    syncId = created.sync.id;
  } else {
    syncId = existing.id;
    await deps.db
      .update(syncs)
      .set({
        connectionAId,
        connectionBId,
        definition,
        revision: existing.revision + 1,
        updatedAt: new Date(),
      })
      .where(eq(syncs.id, syncId));
    const current = await listFlows(deps.db, syncId);
    for (const { direction, draft } of drafts) {
      const flow = current.find((f) => f.direction === direction);
      if (flow) await saveFlowDraft(deps.db, flow.id, flow.draftRevision, draft, userId);
      else await deps.db.insert(flows).values({ syncId, direction, draft, updatedBy: userId });
    }
  }

  const published = await publishSync(
    deps,
    { syncId, note: "applied from a definition document" },
    userId,
  );
  if (!published.published) {
    return {
      applied: false,
      problems: published.problems.map((p) => ({
        path: nodePath(documentFlows[p.direction]?.nodes ?? [], p.direction, p.nodeId, p.path),
        message: p.message,
      })),
    };
  }
  const byId = new Map((await listFlows(deps.db, syncId)).map((f) => [f.id, f.direction]));
  return {
    applied: true,
    syncId,
    created: !existing,
    versions: published.versions.map((v) => ({ ...v, direction: byId.get(v.flowId) ?? "?" })),
  };
}

function nodePath(
  nodes: readonly { id: string }[],
  direction: string,
  nodeId: string | undefined,
  rest: (string | number)[] | undefined,
): (string | number)[] {
  const index = nodeId === undefined ? -1 : nodes.findIndex((n) => n.id === nodeId);
  return index >= 0
    ? ["flows", direction, "nodes", index, ...(rest ?? [])]
    : ["flows", direction, ...(rest ?? [])];
}
