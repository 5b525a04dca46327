import type { ChangeRecord } from "@duplex/connectors";
import {
  findObjectPair,
  flowDefinitionSchema,
  sourceSideOf,
  syncDefinitionSchema,
} from "@duplex/core";
import {
  createRun,
  type Database,
  findLinks,
  getFlow,
  getFlowVersion,
  getSync,
  getWatermark,
  listDeferred,
  saveBatch,
  setWatermark,
  updateRun,
} from "@duplex/db";
import { Context } from "@temporalio/activity";
import { ApplicationFailure } from "@temporalio/common";
import type { ConnectorProvider } from "../connectors/provider";
import { type TriggerNode, triggerOf } from "../engine/run-context";
import { changeSchema, type WorkItem } from "../engine/work-item";

export interface TriggerActivityDeps {
  db: Database;
  connectors: ConnectorProvider;
}

export interface TriggerInfo {
  type: string;
  intervalSeconds: number;
  overlapSeconds: number;
  batchSize: number;
  maxDelayMs: number;
}

export interface CollectedRun {
  runId: string;
  count: number;
  object: string;
  nextCursor: string | null;
  /** False when the read only re-read the overlap window: the loop has drained the source. */
  advanced: boolean;
}

function epochOf(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Timestamp cursors re-read an overlap window on every poll, so a quiet source would hand the same
 * records back forever. An overlap re-read whose source revision equals the one Duplex already
 * processed for that record (recorded on its link) is dropped before it makes a run. Changes from
 * change tables or streams are never overlap re-reads and always go through.
 */
async function dropSeenRevisions(
  db: Database,
  syncId: string,
  objectKey: string,
  side: "a" | "b",
  changes: ChangeRecord[],
): Promise<ChangeRecord[]> {
  const withRevision = changes.filter((c) => c.overlap && c.op === "upsert" && c.sourceUpdatedAt);
  if (withRevision.length === 0) return changes;
  const links = await findLinks(
    db,
    syncId,
    objectKey,
    side,
    withRevision.map((c) => c.key),
  );
  return changes.filter((change) => {
    const link = links.get(change.key);
    if (!link || !change.overlap || change.op !== "upsert") return true;
    const seen = epochOf(side === "a" ? link.sourceUpdatedAtA : link.sourceUpdatedAtB);
    return seen === null || seen !== epochOf(change.sourceUpdatedAt);
  });
}

async function publishedSource(db: Database, connectors: ConnectorProvider, flowId: string) {
  const flow = await getFlow(db, flowId);
  if (!flow) throw ApplicationFailure.nonRetryable(`flow ${flowId} does not exist`);
  if (!flow.publishedVersionId)
    throw ApplicationFailure.nonRetryable(
      `flow ${flowId} has no published version; publish it first`,
    );
  const version = await getFlowVersion(db, flow.publishedVersionId);
  const sync = await getSync(db, flow.syncId);
  if (!version || !sync)
    throw ApplicationFailure.nonRetryable(`flow ${flowId} refers to a missing version or sync`);
  const definition = flowDefinitionSchema.parse(version.definition);
  const syncDefinition = syncDefinitionSchema.parse(version.syncDefinition);
  const trigger = triggerOf(definition);
  const pair = findObjectPair(syncDefinition, trigger.config.object);
  const side = sourceSideOf(flow.direction);
  const connectionId = side === "a" ? sync.connectionAId : sync.connectionBId;
  const object = side === "a" ? pair.objectA : pair.objectB;
  return { flow, version, sync, trigger, object, connector: await connectors.get(connectionId) };
}

function triggerInfoOf(trigger: TriggerNode): TriggerInfo {
  const base = {
    type: trigger.type,
    intervalSeconds: 60,
    overlapSeconds: 0,
    batchSize: 500,
    maxDelayMs: 1_000,
  };
  switch (trigger.type) {
    case "trigger.poll":
      return {
        ...base,
        intervalSeconds: trigger.config.intervalSeconds,
        overlapSeconds: trigger.config.overlapSeconds,
        batchSize: trigger.config.batchSize,
      };
    case "trigger.change-stream":
      return {
        ...base,
        intervalSeconds: trigger.config.fallbackPollIntervalSeconds,
        batchSize: trigger.config.maxBatchSize,
        maxDelayMs: trigger.config.maxDelayMs,
      };
    case "trigger.schedule":
      return { ...base, intervalSeconds: trigger.config.intervalSeconds ?? 900 };
    case "trigger.webhook":
      return base;
  }
}

/** Newest change per key wins: the overlap window and deferred retries both repeat keys. */
function dedupe(changes: ChangeRecord[]): ChangeRecord[] {
  const byKey = new Map<string, ChangeRecord>();
  for (const change of changes) byKey.set(change.key, change);
  return [...byKey.values()];
}

export function createTriggerActivities({ db, connectors }: TriggerActivityDeps) {
  return {
    async triggerInfo({ flowId }: { flowId: string }): Promise<TriggerInfo> {
      const { trigger } = await publishedSource(db, connectors, flowId);
      return triggerInfoOf(trigger);
    },

    /**
     * Reads one batch of changes since the flow's watermark (plus changes deferred earlier), stores
     * it as a claim-check batch and creates the run pinned to the published version. The watermark
     * itself only moves when the run has finished (commitWatermark), so a crash loses nothing.
     */
    async collectChanges({
      flowId,
      trigger: triggerName,
      includeDeferred = true,
    }: {
      /** Retry changes deferred earlier (once per wake-up of the loop, so they cannot spin). */
      includeDeferred?: boolean;
      flowId: string;
      trigger: string;
    }): Promise<CollectedRun | null> {
      const { flow, version, trigger, object, connector } = await publishedSource(
        db,
        connectors,
        flowId,
      );
      const info = triggerInfoOf(trigger);
      const since = await getWatermark(db, flowId, object);
      const page = await connector.readChanges(object, {
        since,
        overlapMs: info.overlapSeconds * 1000,
        limit: info.batchSize,
      });
      const deferred = includeDeferred ? await listDeferred(db, flowId, info.batchSize) : [];
      const retried = deferred.map((d) => changeSchema.parse(d.change));
      const fresh = await dropSeenRevisions(
        db,
        flow.syncId,
        trigger.config.object,
        sourceSideOf(flow.direction),
        page.changes,
      );
      const changes = dedupe([...retried, ...fresh]);
      if (changes.length === 0) {
        if (page.nextCursor !== since && page.nextCursor !== null)
          await setWatermark(db, flowId, object, page.nextCursor);
        return null;
      }
      const run = await createRun(db, {
        syncId: flow.syncId,
        flowId,
        flowVersionId: version.id,
        direction: flow.direction,
        trigger: triggerName,
        status: "queued",
      });
      const items: WorkItem[] = changes.map((change) => ({ change }));
      const batchId = await saveBatch(db, run.id, "trigger", items);
      await updateRun(db, run.id, { inputBatchId: batchId });
      return {
        runId: run.id,
        count: changes.length,
        object,
        nextCursor: page.nextCursor,
        advanced: page.nextCursor !== since,
      };
    },

    async commitWatermark({
      flowId,
      object,
      cursor,
    }: {
      flowId: string;
      object: string;
      cursor: string | null;
    }): Promise<void> {
      if (cursor !== null) await setWatermark(db, flowId, object, cursor);
    },

    /**
     * Change-stream triggers: waits (heartbeating) until the source reports a change after the
     * watermark, or the timeout passes. The workflow then collects the batch as usual.
     */
    async awaitSourceChanges({
      flowId,
      timeoutMs,
    }: {
      flowId: string;
      timeoutMs: number;
    }): Promise<boolean> {
      const { object, connector } = await publishedSource(db, connectors, flowId);
      if (!connector.subscribe) {
        await new Promise((r) => setTimeout(r, timeoutMs));
        return false;
      }
      const since = await getWatermark(db, flowId, object);
      return new Promise<boolean>((resolve, reject) => {
        let done = false;
        const heartbeat = setInterval(() => Context.current().heartbeat(), 5_000);
        const end = (value: boolean, sub?: { close(): Promise<void> }) => {
          if (done) return;
          done = true;
          clearInterval(heartbeat);
          clearTimeout(timer);
          void sub?.close().catch(() => {});
          resolve(value);
        };
        let subscription: { close(): Promise<void> } | undefined;
        const timer = setTimeout(() => end(false, subscription), timeoutMs);
        connector
          .subscribe?.({
            objects: [object],
            since,
            maxBatchSize: 1,
            maxDelayMs: 0,
            onChanges: async () => end(true, subscription),
          })
          .then(
            (sub) => {
              subscription = sub;
              if (done) void sub.close().catch(() => {});
            },
            (error: unknown) => {
              clearInterval(heartbeat);
              clearTimeout(timer);
              reject(error);
            },
          );
      });
    },
  };
}
