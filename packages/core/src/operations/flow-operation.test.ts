import { describe, expect, it } from "vitest";
import { defaultFlowForSync } from "../defaults/default-flow";
import type { FlowDraft } from "../definitions/flow-definition";
import { makeSync } from "../sync/fixtures.test-support";
import {
  applyFlowOperation,
  applyFlowOperations,
  type FlowOperationInput,
  flowOperationSchema,
} from "./flow-operation";

// A FlowDefinition is a FlowDraft: edits start from the default flow.
const start: FlowDraft = defaultFlowForSync(makeSync(), "a-to-b");
const apply = (flow: FlowDraft, op: FlowOperationInput) =>
  applyFlowOperation(flow, flowOperationSchema.parse(op));
const ok = (flow: FlowDraft, op: FlowOperationInput): FlowDraft => {
  const result = apply(flow, op);
  if (!result.ok) throw new Error(result.message);
  return result.flow;
};
const pos = { x: 1, y: 2 };

describe("applyFlowOperation", () => {
  it("addNode fills the catalogue's default config and refuses duplicate ids", () => {
    const flow = ok(start, { type: "addNode", node: { id: "f", type: "filter", position: pos } });
    expect(flow.nodes.at(-1)).toEqual({
      id: "f",
      type: "filter",
      position: pos,
      config: { condition: "true" },
    });
    expect(
      apply(flow, { type: "addNode", node: { id: "f", type: "map", position: pos } }),
    ).toMatchObject({ ok: false, code: "duplicate-id" });
  });

  it("removeNodes removes their edges too", () => {
    const flow = ok(start, { type: "removeNodes", nodeIds: ["lookup"] });
    expect(flow.nodes.map((n) => n.id)).toEqual(["trigger", "map", "compare", "upsert", "delete"]);
    expect(flow.edges.map((e) => e.id)).toEqual([
      "e-trigger-map",
      "e-compare-upsert",
      "e-upsert-delete",
    ]);
  });

  it("moveNode, setLabel and updateNodeConfig change only their node", () => {
    let flow = ok(start, { type: "moveNode", nodeId: "map", position: { x: 9, y: 9 } });
    flow = ok(flow, { type: "setLabel", nodeId: "map", label: "Accounts" });
    flow = ok(flow, {
      type: "updateNodeConfig",
      nodeId: "upsert",
      config: { batchSize: 50 },
      merge: true,
    });
    const map = flow.nodes.find((n) => n.id === "map");
    expect(map).toMatchObject({ position: { x: 9, y: 9 }, label: "Accounts" });
    expect(flow.nodes.find((n) => n.id === "upsert")?.config).toEqual({
      object: "account",
      operation: "upsert",
      batchSize: 50,
    });
    flow = ok(flow, { type: "updateNodeConfig", nodeId: "upsert", config: { object: "account" } });
    expect(flow.nodes.find((n) => n.id === "upsert")?.config).toEqual({ object: "account" });
    flow = ok(flow, { type: "setLabel", nodeId: "map", label: null });
    expect(flow.nodes.find((n) => n.id === "map")).not.toHaveProperty("label");
  });

  it("never mutates its input", () => {
    const before = JSON.stringify(start);
    ok(start, { type: "moveNode", nodeId: "map", position: pos });
    ok(start, { type: "removeNodes", nodeIds: ["map"] });
    ok(start, { type: "addEdge", edge: { source: "trigger", target: "compare" } });
    expect(JSON.stringify(start)).toBe(before);
  });

  it("addEdge derives a unique id", () => {
    let flow = ok(start, { type: "addNode", node: { id: "f", type: "filter", position: pos } });
    flow = ok(flow, { type: "addEdge", edge: { source: "map", target: "f" } });
    flow = ok(flow, {
      type: "addEdge",
      edge: { source: "f", target: "upsert", sourceHandle: "match" },
    });
    flow = ok(flow, {
      type: "addEdge",
      edge: { source: "f", target: "upsert", sourceHandle: "else" },
    });
    expect(flow.edges.slice(-3).map((e) => e.id)).toEqual([
      "e-map-f",
      "e-f-upsert",
      "e-f-upsert-2",
    ]);
  });

  it.each<[string, FlowOperationInput, string]>([
    ["self loop", { type: "addEdge", edge: { source: "map", target: "map" } }, "self-loop"],
    [
      "duplicate connection",
      { type: "addEdge", edge: { source: "map", target: "lookup" } },
      "duplicate-edge",
    ],
    [
      "duplicate with explicit default handles",
      {
        type: "addEdge",
        edge: { source: "map", target: "lookup", sourceHandle: "out", targetHandle: "in" },
      },
      "duplicate-edge",
    ],
    [
      "into a trigger",
      { type: "addEdge", edge: { source: "upsert", target: "trigger" } },
      "into-trigger",
    ],
    [
      "unknown node",
      { type: "addEdge", edge: { source: "ghost", target: "map" } },
      "node-not-found",
    ],
    [
      "unknown output handle",
      { type: "addEdge", edge: { source: "map", target: "upsert", sourceHandle: "else" } },
      "invalid-handle",
    ],
    [
      "unknown input handle",
      { type: "addEdge", edge: { source: "map", target: "upsert", targetHandle: "side" } },
      "invalid-handle",
    ],
    ["a loop", { type: "addEdge", edge: { source: "upsert", target: "map" } }, "cycle"],
    [
      "duplicate edge id",
      { type: "addEdge", edge: { id: "e-trigger-map", source: "trigger", target: "compare" } },
      "duplicate-id",
    ],
    ["remove unknown edge", { type: "removeEdges", edgeIds: ["nope"] }, "edge-not-found"],
    ["remove unknown node", { type: "removeNodes", nodeIds: ["map", "nope"] }, "node-not-found"],
    ["move unknown node", { type: "moveNode", nodeId: "nope", position: pos }, "node-not-found"],
    [
      "configure unknown node",
      { type: "updateNodeConfig", nodeId: "nope", config: {} },
      "node-not-found",
    ],
    ["label unknown node", { type: "setLabel", nodeId: "nope", label: "x" }, "node-not-found"],
  ])("refuses: %s", (_name, op, code) => {
    const result = apply(start, op);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok ? "" : result.message).not.toBe("");
  });

  it("removeEdges removes the named edges", () => {
    const flow = ok(start, { type: "removeEdges", edgeIds: ["e-map-lookup", "e-lookup-compare"] });
    expect(flow.edges.map((e) => e.id)).toEqual([
      "e-trigger-map",
      "e-compare-upsert",
      "e-upsert-delete",
    ]);
  });

  it("applyFlowOperations stops at the first refusal", () => {
    const ops = [
      flowOperationSchema.parse({ type: "moveNode", nodeId: "map", position: pos }),
      flowOperationSchema.parse({ type: "addEdge", edge: { source: "map", target: "map" } }),
    ];
    expect(applyFlowOperations(start, ops)).toMatchObject({ ok: false, code: "self-loop" });
    expect(applyFlowOperations(start, ops.slice(0, 1))).toMatchObject({ ok: true });
  });

  it("the operation schema rejects malformed operations", () => {
    expect(
      flowOperationSchema.safeParse({
        type: "addNode",
        node: { id: "x", type: "nope", position: pos },
      }).success,
    ).toBe(false);
    expect(flowOperationSchema.safeParse({ type: "removeNodes", nodeIds: [] }).success).toBe(false);
  });
});
