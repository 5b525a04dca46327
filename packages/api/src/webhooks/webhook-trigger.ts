import {
  type FlowNodeOf,
  findObjectPair,
  flowDefinitionSchema,
  sourceSideOf,
  syncDefinitionSchema,
} from "@duplex/core";
import {
  createRun,
  type Database,
  findConnectionRow,
  getFlow,
  getFlowVersion,
  getSync,
  type KeyRing,
  saveBatch,
  updateRun,
} from "@duplex/db";
import { startRunWorkflow } from "@duplex/flows";
import type { Client } from "@temporalio/client";
import { openConnection } from "../connections/connection-service";
import { openEntries } from "../connections/sealed-config";
import { secretLabel } from "../connections/secret-fields";
import { readBodyWithLimit } from "../http/body-limit";
import {
  assertMatchesSchema,
  parseJsonBody,
  recordsOf,
  signatureMatches,
  WebhookError,
} from "./webhook-request";

export interface WebhookDeps {
  db: Database;
  keyRing: KeyRing;
  temporal: () => Promise<Client>;
  taskQueue: string;
  maxBodyBytes?: number;
}

export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The published version's webhook trigger and the side it reads, or a clear refusal. */
async function webhookTarget(db: Database, flowId: string) {
  const flow = UUID.test(flowId) ? await getFlow(db, flowId) : undefined;
  if (!flow) throw new WebhookError(404, `No flow ${flowId}.`);
  const version = flow.publishedVersionId
    ? await getFlowVersion(db, flow.publishedVersionId)
    : undefined;
  const sync = await getSync(db, flow.syncId);
  if (!version || !sync)
    throw new WebhookError(409, "This flow has no published version; publish it first.");
  const definition = flowDefinitionSchema.parse(version.definition);
  const trigger = definition.nodes.find(
    (n): n is FlowNodeOf<"trigger.webhook"> => n.type === "trigger.webhook",
  );
  if (!trigger)
    throw new WebhookError(409, "This flow's published version is not triggered by a webhook.");
  const pair = findObjectPair(
    syncDefinitionSchema.parse(version.syncDefinition),
    trigger.config.object,
  );
  const side = sourceSideOf(flow.direction);
  return {
    flow,
    version,
    trigger,
    connectionId: side === "a" ? sync.connectionAId : sync.connectionBId,
    object: side === "a" ? pair.objectA : pair.objectB,
    keyField: side === "a" ? pair.keyFieldA : pair.keyFieldB,
  };
}

/**
 * The HMAC secret lives in the source connection's sealed secrets (written once by an admin,
 * never shown again): `hmacSecretRef` names the secret by its label, e.g. "webhookSecret".
 */
async function hmacSecret(deps: WebhookDeps, connectionId: string, ref: string): Promise<string> {
  const row = await findConnectionRow(deps.db, connectionId);
  const entry = row
    ? openEntries(deps.keyRing, row.secretCiphertext).find((e) => secretLabel(e) === ref)
    : undefined;
  if (!entry || typeof entry.value !== "string" || entry.value === "")
    throw new WebhookError(
      500,
      `The webhook's signing secret "${ref}" is not set on its connection.`,
    );
  return entry.value;
}

async function primaryKeyOf(
  deps: WebhookDeps,
  connectionId: string,
  object: string,
): Promise<string> {
  const connector = await openConnection(deps, connectionId);
  try {
    return (await connector.describeObject(object)).primaryKey;
  } finally {
    await connector.close().catch(() => {});
  }
}

/** POST /api/hooks/:flowId → 202 { runId } once the run is created and its workflow started. */
export async function handleWebhook(
  deps: WebhookDeps,
  flowId: string,
  request: Request,
): Promise<Response> {
  try {
    if (request.method !== "POST") throw new WebhookError(400, "Send the payload with POST.");
    const target = await webhookTarget(deps.db, flowId);
    const limit = deps.maxBodyBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT;
    const body = await readBodyWithLimit(request, limit);
    if (!body.ok) throw new WebhookError(413, body.message);
    const { hmacSecretRef, signatureHeader, payloadSchema } = target.trigger.config;
    if (hmacSecretRef) {
      const secret = await hmacSecret(deps, target.connectionId, hmacSecretRef);
      if (!signatureMatches(body.body, secret, request.headers.get(signatureHeader)))
        throw new WebhookError(
          401,
          `Missing or invalid HMAC-SHA256 signature in the ${signatureHeader} header.`,
        );
    }
    const payload = parseJsonBody(body.body);
    // The schema describes one record; a batch (an array) is checked record by record.
    if (payloadSchema) {
      for (const record of Array.isArray(payload) ? payload : [payload]) {
        assertMatchesSchema(target.version.id, payloadSchema, record);
      }
    }
    const keyField =
      target.keyField ?? (await primaryKeyOf(deps, target.connectionId, target.object));
    const receivedAt = new Date().toISOString();
    const items = recordsOf(payload, keyField).map(({ key, record }) => ({
      change: {
        op: "upsert" as const,
        object: target.object,
        key,
        record,
        sourceUpdatedAt: null,
        cursor: receivedAt,
      },
    }));
    const run = await createRun(deps.db, {
      syncId: target.flow.syncId,
      flowId: target.flow.id,
      flowVersionId: target.version.id,
      direction: target.flow.direction,
      trigger: "webhook",
      status: "queued",
    });
    const batchId = await saveBatch(deps.db, run.id, "trigger", items);
    await updateRun(deps.db, run.id, { inputBatchId: batchId });
    const handle = await startRunWorkflow(await deps.temporal(), deps.taskQueue, run.id);
    await updateRun(deps.db, run.id, { workflowId: handle.workflowId });
    return Response.json({ runId: run.id, records: items.length }, { status: 202 });
  } catch (error) {
    if (error instanceof WebhookError)
      return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
