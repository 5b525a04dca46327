import { describe, expect, it } from "vitest";
import { defaultFlowForSync } from "../defaults/default-flow";
import type { FlowDefinition } from "../definitions/flow-definition";
import { makeSync } from "../sync/fixtures.test-support";
import { accountA, customerB } from "./fixtures.test-support";
import { FlowCycleError, topologicalOrder } from "./graph";
import type { Problem } from "./problem";
import { validateFlow } from "./validate-flow";

const sync = makeSync();
const context = { sync, source: accountA, target: customerB, twoWay: true };
const base = (): FlowDefinition => defaultFlowForSync(sync, "a-to-b", { objectKey: "account" });

/** A copy of the default flow, changed by `edit`; JSON round trip because edits may break types. */
function edited(
  edit: (
    flow: Record<string, unknown> & {
      nodes: Record<string, unknown>[];
      edges: Record<string, unknown>[];
    },
  ) => void,
): unknown {
  const flow = JSON.parse(JSON.stringify(base()));
  edit(flow);
  return flow;
}

const mapWith = (...mappings: unknown[]) =>
  edited((flow) => {
    const map = flow.nodes.find((n) => n.id === "map");
    if (map) map.config = { mappings, passThroughKey: true };
  });

const summary = (problems: Problem[]) =>
  problems.map((p) => ({ code: p.code, nodeId: p.nodeId, path: p.path }));

describe("validateFlow", () => {
  it("accepts the default flow", () => {
    expect(validateFlow(base(), context)).toEqual([]);
  });

  it.each<[string, unknown, { code: string; nodeId?: string; path?: (string | number)[] }[]]>([
    [
      "not an object",
      42,
      [
        { code: "schema", nodeId: undefined, path: [] },
        { code: "no-trigger", nodeId: undefined, path: undefined },
      ],
    ],
    [
      "bad direction",
      edited((f) => {
        f.direction = "up";
      }),
      [{ code: "schema", path: ["direction"] }],
    ],
    [
      "node config error names node and field",
      edited((f) => {
        const n = f.nodes[4];
        if (n) n.config = { object: "account", batchSize: 0 };
      }),
      [{ code: "schema", nodeId: "upsert", path: ["config", "batchSize"] }],
    ],
    [
      "unknown node type",
      edited((f) => {
        const n = f.nodes[1];
        if (n) n.type = "teleport";
      }),
      [{ code: "schema", nodeId: "map", path: ["type"] }],
    ],
    [
      "no trigger",
      edited((f) => {
        f.nodes.shift();
        f.edges.shift();
      }),
      [{ code: "no-trigger" }],
    ],
    [
      "two triggers",
      edited((f) => {
        f.nodes.push({
          id: "t2",
          type: "trigger.poll",
          position: { x: 0, y: 0 },
          config: { object: "account" },
        });
        f.edges.push({ id: "e9", source: "t2", target: "map" });
      }),
      [{ code: "multiple-triggers", nodeId: "t2" }],
    ],
    [
      "dangling edge",
      edited((f) => {
        f.edges.push({ id: "e9", source: "ghost", target: "map" });
      }),
      [{ code: "dangling-edge", path: ["source"] }],
    ],
    [
      "self loop",
      edited((f) => {
        f.edges.push({ id: "e9", source: "map", target: "map" });
      }),
      [{ code: "self-loop", path: ["target"] }],
    ],
    [
      "edge into trigger",
      edited((f) => {
        f.edges.push({ id: "e9", source: "upsert", target: "trigger" });
      }),
      [
        { code: "trigger-has-input", nodeId: "trigger", path: ["target"] },
        { code: "cycle", nodeId: "trigger" },
      ],
    ],
    [
      "cycle",
      edited((f) => {
        f.edges.push({ id: "e9", source: "compare", target: "map" });
      }),
      [{ code: "cycle", nodeId: "map" }],
    ],
    [
      "duplicate edge",
      edited((f) => {
        f.edges.push({ id: "e9", source: "map", target: "lookup" });
      }),
      [{ code: "duplicate-edge", path: ["target"] }],
    ],
    [
      "bad handle",
      edited((f) => {
        const e = f.edges[0];
        if (e) e.sourceHandle = "nope";
      }),
      [{ code: "invalid-handle", path: ["sourceHandle"] }],
    ],
    [
      "duplicate node id",
      edited((f) => {
        f.nodes.push({
          id: "compare",
          type: "filter",
          position: { x: 0, y: 0 },
          config: { condition: "true" },
        });
      }),
      [{ code: "duplicate-id", path: ["nodes", 6, "id"] }],
    ],
    [
      "upsert without lookup",
      edited((f) => {
        f.nodes.splice(2, 1);
        f.edges = [
          { id: "a", source: "trigger", target: "map" },
          { id: "b", source: "map", target: "compare" },
          { id: "c", source: "compare", target: "upsert" },
          { id: "d", source: "upsert", target: "delete" },
        ];
      }),
      [{ code: "upsert-without-lookup", nodeId: "upsert" }],
    ],
    [
      "unreachable node",
      edited((f) => {
        f.nodes.push({
          id: "f",
          type: "filter",
          position: { x: 0, y: 0 },
          config: { condition: "true" },
        });
      }),
      [{ code: "unreachable", nodeId: "f" }],
    ],
    [
      "unknown object",
      edited((f) => {
        const n = f.nodes[4];
        if (n) n.config = { object: "invoice" };
      }),
      [{ code: "unknown-object", nodeId: "upsert", path: ["config", "object"] }],
    ],
    [
      "write-back in the wrong direction",
      edited((f) => {
        f.nodes.push({
          id: "wb",
          type: "write-back",
          position: { x: 0, y: 0 },
          config: { object: "account" },
        });
        f.edges.push({ id: "e9", source: "upsert", target: "wb" });
      }),
      [{ code: "write-back-not-needed", nodeId: "wb" }],
    ],
    [
      "write-back before upsert",
      edited((f) => {
        f.nodes.push({
          id: "wb",
          type: "write-back",
          position: { x: 0, y: 0 },
          config: { object: "account" },
        });
        f.edges.push({ id: "e9", source: "map", target: "wb" });
      }),
      [
        { code: "write-back-before-upsert", nodeId: "wb" },
        { code: "write-back-not-needed", nodeId: "wb" },
      ],
    ],
    [
      "invalid filter expression",
      edited((f) => {
        f.nodes.push({
          id: "f",
          type: "filter",
          position: { x: 0, y: 0 },
          config: { condition: "Status = (" },
        });
        f.edges.push({ id: "e9", source: "trigger", target: "f" });
      }),
      [{ code: "invalid-expression", nodeId: "f", path: ["config", "condition"] }],
    ],
    [
      "unknown source and target fields",
      mapWith({ target: "nme", source: "Nmae" }),
      [
        { code: "unknown-source-field", nodeId: "map", path: ["config", "mappings", 0, "source"] },
        { code: "unknown-target-field", nodeId: "map", path: ["config", "mappings", 0, "target"] },
      ],
    ],
    [
      "read-only target",
      mapWith({ target: "id", source: "Name" }),
      [
        {
          code: "read-only-target-field",
          nodeId: "map",
          path: ["config", "mappings", 0, "target"],
        },
        { code: "type-mismatch", nodeId: "map", path: ["config", "mappings", 0, "target"] },
      ],
    ],
    [
      "duplicate target",
      mapWith({ target: "name", source: "Name" }, { target: "name", source: "Name" }),
      [{ code: "duplicate-target", nodeId: "map", path: ["config", "mappings", 1, "target"] }],
    ],
    [
      "invalid mapping expression",
      mapWith({ target: "name", expression: "Name &" }),
      [
        {
          code: "invalid-expression",
          nodeId: "map",
          path: ["config", "mappings", 0, "expression"],
        },
      ],
    ],
    [
      "invalid calc",
      mapWith({
        target: "name",
        source: "Name",
        transforms: [{ type: "calc", expression: "$uppercase(" }],
      }),
      [
        {
          code: "invalid-expression",
          nodeId: "map",
          path: ["config", "mappings", 0, "transforms", 0, "expression"],
        },
      ],
    ],
    [
      "boolean cast to date",
      mapWith({
        target: "founded",
        source: "IsActive",
        transforms: [{ type: "cast", to: "date" }],
      }),
      [
        {
          code: "incompatible-cast",
          nodeId: "map",
          path: ["config", "mappings", 0, "transforms", 0, "to"],
        },
      ],
    ],
    [
      "cast that does not fit the target",
      mapWith({ target: "is_active", source: "Name", transforms: [{ type: "cast", to: "date" }] }),
      [
        {
          code: "incompatible-cast",
          nodeId: "map",
          path: ["config", "mappings", 0, "transforms", 0, "to"],
        },
      ],
    ],
    [
      "type mismatch without cast",
      mapWith({ target: "score", source: "Founded" }),
      [{ code: "type-mismatch", nodeId: "map", path: ["config", "mappings", 0, "target"] }],
    ],
    [
      "bad date pattern",
      mapWith({
        target: "founded",
        source: "Founded",
        transforms: [{ type: "date-format", pattern: "yyyy-QQ" }],
      }),
      [
        {
          code: "invalid-date-pattern",
          nodeId: "map",
          path: ["config", "mappings", 0, "transforms", 0, "pattern"],
        },
      ],
    ],
    [
      "unknown join field",
      mapWith({ target: "name", transforms: [{ type: "join", fields: ["Name", "Nope"] }] }),
      [
        {
          code: "unknown-source-field",
          nodeId: "map",
          path: ["config", "mappings", 0, "transforms", 0, "fields", 1],
        },
      ],
    ],
  ])("%s", (_name, flow, expected) => {
    expect(summary(validateFlow(flow, context))).toEqual(expected);
  });

  it("reports every problem at once", () => {
    const flow = edited((f) => {
      f.nodes.shift();
      f.edges.push({ id: "x", source: "ghost", target: "map" });
      const upsert = f.nodes.find((n) => n.id === "upsert");
      if (upsert) upsert.config = { object: "" };
    });
    const codes = validateFlow(flow, context).map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(["schema", "no-trigger", "dangling-edge"]));
  });

  it("valid casts and write-back into the SOR pass", () => {
    const flow = defaultFlowForSync(sync, "b-to-a", {
      objectKey: "account",
      source: customerB,
      target: accountA,
    });
    expect(validateFlow(flow, { sync, source: customerB, target: accountA, twoWay: true })).toEqual(
      [],
    );
  });

  it("warns when a flow into the SOR has no write-back", () => {
    const flow = edited((f) => {
      f.direction = "b-to-a";
    });
    expect(summary(validateFlow(flow, { sync }))).toEqual([
      { code: "missing-write-back", nodeId: undefined, path: undefined },
    ]);
  });
});

describe("topologicalOrder", () => {
  it("orders the default flow and keeps declaration order for ties", () => {
    const flow = base();
    expect(topologicalOrder(flow)).toEqual([
      "trigger",
      "map",
      "lookup",
      "compare",
      "upsert",
      "delete",
    ]);
    const branched = {
      nodes: [{ id: "t" }, { id: "b" }, { id: "a" }, { id: "end" }],
      edges: [
        { source: "a", target: "end" },
        { source: "t", target: "a" },
        { source: "t", target: "b" },
        { source: "b", target: "end" },
      ],
    };
    expect(topologicalOrder(branched)).toEqual(["t", "b", "a", "end"]);
  });

  it("throws on a cycle", () => {
    expect(() =>
      topologicalOrder({
        nodes: [{ id: "a" }, { id: "b" }],
        edges: [
          { source: "a", target: "b" },
          { source: "b", target: "a" },
        ],
      }),
    ).toThrow(FlowCycleError);
  });
});
