import { createHmac } from "node:crypto";
import { handleWebhook, type WebhookDeps } from "@duplex/api";
import type { FlowDefinition } from "@duplex/core";
import { parseKeyRing } from "@duplex/db";
import type { RunSummary } from "@duplex/flows";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemsToThings, mapNameToLabel } from "./fixtures";
import { createSyncHarness, type SyncHarness } from "./harness";

// The webhook trigger end to end: a signed payload becomes a run whose records land in the
// target; bad signatures, bad JSON and oversized bodies are refused with clear statuses.
const SECRET = "whsec-test-0123456789";

function flowWith(flow: FlowDefinition): FlowDefinition {
  if (flow.direction === "a-to-b") {
    const index = flow.nodes.findIndex((n) => n.id === "trigger");
    flow.nodes[index] = {
      id: "trigger",
      type: "trigger.webhook",
      position: { x: 0, y: 0 },
      config: {
        object: "item",
        hmacSecretRef: "webhookSecret",
        signatureHeader: "x-duplex-signature",
        payloadSchema: {
          type: "object",
          required: ["id", "name"],
          properties: { id: { type: "integer" }, name: { type: "string" } },
        },
      },
    };
  }
  return mapNameToLabel(flow);
}

describe("webhook trigger", () => {
  let h: SyncHarness;
  let deps: WebhookDeps;
  beforeAll(async () => {
    h = await createSyncHarness(
      itemsToThings("webhook", flowWith, { extraConfigA: { webhookSecret: SECRET } }),
    );
    deps = {
      db: h.duplex.db,
      keyRing: parseKeyRing(h.secretKey),
      temporal: async () => h.client,
      taskQueue: h.taskQueue,
      maxBodyBytes: 4096,
    };
  }, 120_000);
  afterAll(async () => h?.close());

  function post(body: string, signature?: string): Request {
    return new Request("http://duplex.test/api/hooks/x", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(signature ? { "x-duplex-signature": signature } : {}),
      },
      body,
    });
  }
  const sign = (body: string) =>
    `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

  it("turns a signed payload into a run whose records land in the target", async () => {
    const body = JSON.stringify([
      { id: 101, name: "from the hook" },
      { id: 102, name: "also from the hook" },
    ]);
    const response = await handleWebhook(deps, h.flowIds["a-to-b"], post(body, sign(body)));
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    const summary: RunSummary = await h.client.workflow.getHandle(`run-${runId}`).result();
    expect(summary).toMatchObject({ status: "succeeded", counts: { created: 2 } });
    expect((await h.b.query("SELECT label, item_id FROM things ORDER BY item_id")).rows).toEqual([
      { label: "from the hook", item_id: "101" },
      { label: "also from the hook", item_id: "102" },
    ]);
  }, 60_000);

  it.each([
    ["a wrong signature", () => post('{"id":1,"name":"x"}', "sha256=00"), 401, /signature/],
    ["no signature", () => post('{"id":1,"name":"x"}'), 401, /signature/],
    ["malformed JSON", () => post("{not json", sign("{not json")), 400, /JSON/],
    ["a schema violation", () => post('{"id":"one"}', sign('{"id":"one"}')), 400, /./],
    [
      "an oversized body",
      () => post(JSON.stringify({ id: 1, name: "x".repeat(5000) })),
      413,
      /limit|large/i,
    ],
  ])("refuses %s", async (_what, request, status, message) => {
    const response = await handleWebhook(deps, h.flowIds["a-to-b"], request());
    expect(response.status).toBe(status);
    expect(JSON.stringify(await response.json())).toMatch(message);
  });

  it("refuses a flow whose published version is not webhook-triggered", async () => {
    const body = '{"id":1,"name":"x"}';
    const response = await handleWebhook(deps, h.flowIds["b-to-a"], post(body, sign(body)));
    expect(response.status).toBe(409);
  });
});
