import { and, desc, eq, max } from "drizzle-orm";
import type { Database } from "../client";
import { flows, flowVersions, syncs } from "../schema/index";

export type SyncRow = typeof syncs.$inferSelect;
export type FlowRow = typeof flows.$inferSelect;
export type FlowVersionRow = typeof flowVersions.$inferSelect;
type Json = Record<string, unknown>;

/** A save based on an old copy: the caller must reload instead of overwriting someone's work. */
export class StaleRevisionError extends Error {
  override readonly name = "StaleRevisionError";
  constructor(
    readonly entity: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      `This ${entity} was changed elsewhere (you edited revision ${expected}, it is now at ${actual}); reload to continue.`,
    );
  }
}

export interface NewSync {
  name: string;
  connectionAId: string;
  connectionBId: string;
  definition: Json;
  flows: Array<{ direction: "a-to-b" | "b-to-a"; draft: Json; objectKey?: string }>;
  createdBy?: string | null;
}

export async function createSync(
  db: Database,
  input: NewSync,
): Promise<{ sync: SyncRow; flows: FlowRow[] }> {
  return db.transaction(async (tx) => {
    const [sync] = await tx
      .insert(syncs)
      .values({
        name: input.name,
        connectionAId: input.connectionAId,
        connectionBId: input.connectionBId,
        definition: input.definition,
        createdBy: input.createdBy ?? null,
      })
      .returning();
    if (!sync) throw new Error("creating a sync returned no row");
    const created = input.flows.length
      ? await tx
          .insert(flows)
          .values(
            input.flows.map((f) => ({
              syncId: sync.id,
              direction: f.direction,
              objectKey: f.objectKey ?? "",
              draft: f.draft,
              updatedBy: input.createdBy ?? null,
            })),
          )
          .returning()
      : [];
    return { sync, flows: created };
  });
}

export async function getSync(db: Database, syncId: string): Promise<SyncRow | undefined> {
  const [row] = await db.select().from(syncs).where(eq(syncs.id, syncId));
  return row;
}

export async function getSyncByName(db: Database, name: string): Promise<SyncRow | undefined> {
  const [row] = await db.select().from(syncs).where(eq(syncs.name, name));
  return row;
}

export async function listFlows(db: Database, syncId: string): Promise<FlowRow[]> {
  return db.select().from(flows).where(eq(flows.syncId, syncId)).orderBy(flows.direction);
}

export async function getFlow(db: Database, flowId: string): Promise<FlowRow | undefined> {
  const [row] = await db.select().from(flows).where(eq(flows.id, flowId));
  return row;
}

export async function setSyncStatus(
  db: Database,
  syncId: string,
  status: SyncRow["status"],
): Promise<void> {
  await db.update(syncs).set({ status, updatedAt: new Date() }).where(eq(syncs.id, syncId));
}

/** Saves a flow draft only if the caller saw the latest draft revision (two tabs: the second is told). */
export async function saveFlowDraft(
  db: Database,
  flowId: string,
  expectedRevision: number,
  draft: Json,
  userId?: string | null,
): Promise<FlowRow> {
  const [row] = await db
    .update(flows)
    .set({
      draft,
      draftRevision: expectedRevision + 1,
      updatedAt: new Date(),
      updatedBy: userId ?? null,
    })
    .where(and(eq(flows.id, flowId), eq(flows.draftRevision, expectedRevision)))
    .returning();
  if (row) return row;
  const current = await getFlow(db, flowId);
  if (!current) throw new Error(`flow ${flowId} does not exist`);
  throw new StaleRevisionError("flow", expectedRevision, current.draftRevision);
}

/**
 * Snapshots a (validated) flow definition and the sync definition it runs under as the flow's next
 * immutable version, and makes it the published one.
 */
export async function publishFlowVersion(
  db: Database,
  flowId: string,
  definition: Json,
  syncDefinition: Json,
  options: { note?: string; createdBy?: string | null } = {},
): Promise<FlowVersionRow> {
  return db.transaction(async (tx) => {
    const [last] = await tx
      .select({ v: max(flowVersions.version) })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flowId));
    const [version] = await tx
      .insert(flowVersions)
      .values({
        flowId,
        version: (last?.v ?? 0) + 1,
        definition,
        syncDefinition,
        note: options.note ?? "",
        createdBy: options.createdBy ?? null,
      })
      .returning();
    if (!version) throw new Error("publishing returned no version");
    await tx.update(flows).set({ publishedVersionId: version.id }).where(eq(flows.id, flowId));
    return version;
  });
}

export async function getFlowVersion(
  db: Database,
  versionId: string,
): Promise<FlowVersionRow | undefined> {
  const [row] = await db.select().from(flowVersions).where(eq(flowVersions.id, versionId));
  return row;
}

export async function listFlowVersions(db: Database, flowId: string): Promise<FlowVersionRow[]> {
  return db
    .select()
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flowId))
    .orderBy(desc(flowVersions.version));
}
