import { defaultFlowForSync, type FlowDraft, type SyncDefinition } from "@duplex/core";
import { describe, expect, it } from "vitest";
import { autoLayoutOperations } from "./auto-layout";
import { configSummary, connectionRefusal, newNodeConfig, nextNodeId } from "./canvas-rules";
import { copySelection, parseClipboard, pasteOperations } from "./clipboard";
import { applyEdit, hasUnsaved, initialEditState, markSaved, redo, undo } from "./edit-history";

const sync: SyncDefinition = {
  schemaVersion: 1,
  name: "s",
  connectionA: "a",
  connectionB: "b",
  mode: { type: "sor", side: "a" },
  conflictPolicy: "sor-wins",
  objects: [
    {
      key: "account",
      objectA: "Account",
      objectB: "accounts",
      externalIdFieldB: "sf_id",
      parents: [],
    },
  ],
};
const flow: FlowDraft = defaultFlowForSync(sync, "a-to-b");
const filter = {
  type: "addNode" as const,
  node: { id: "filter", type: "filter" as const, position: { x: 5, y: 5 } },
};

describe("edit history", () => {
  it("applies operations with core's function, undoes and redoes whole drafts", () => {
    const first = applyEdit(initialEditState(flow), [filter]);
    if (!first.ok) throw new Error(first.message);
    expect(first.state.draft.nodes.at(-1)).toMatchObject({
      id: "filter",
      config: { condition: "true" },
    });
    expect(first.state.pending).toHaveLength(1);
    const undone = undo(first.state);
    expect(undone.draft).toBe(flow);
    expect(undone.pending).toBeNull();
    expect(redo(undone).draft).toBe(first.state.draft);
  });

  it("refuses what applyFlowOperation refuses and leaves the state alone", () => {
    const result = applyEdit(initialEditState(flow), [
      { type: "addEdge", edge: { source: "map", target: "trigger" } },
    ]);
    expect(result).toEqual({ ok: false, message: "Nothing can connect into a trigger" });
  });

  it("coalesces keystrokes into one undo step and tracks what is still unsaved", () => {
    let state = initialEditState(flow);
    for (const condition of ["a", "ab", "abc"]) {
      const r = applyEdit(
        state,
        [{ type: "updateNodeConfig", nodeId: "map", config: { condition } }],
        "map.condition",
      );
      if (!r.ok) throw new Error(r.message);
      state = r.state;
    }
    expect(state.past).toHaveLength(1);
    const sent = state.pending ?? [];
    expect(sent).toHaveLength(3);
    const saved = markSaved(state, sent.slice(0, 2));
    expect(saved.pending).toHaveLength(1);
    expect(hasUnsaved(markSaved(state, sent))).toBe(false);
  });
});

describe("canvas rules", () => {
  it.each([
    [{ source: "map", target: "trigger" }, "Nothing can connect into a trigger"],
    [{ source: "map", target: "map" }, "A node cannot connect to itself"],
    [
      { source: "upsert", target: "map" },
      "This edge would make a loop: map -> lookup -> compare -> upsert -> map",
    ],
    [{ source: "trigger", target: "map" }, "These handles are already connected"],
    [{ source: "trigger", target: "compare" }, null],
  ])("%o → %s", (attempt, refusal) => {
    expect(connectionRefusal(flow, attempt)).toBe(refusal);
  });

  it("names new nodes readably, fills the object, summarises configs", () => {
    expect(nextNodeId(flow, "map")).toBe("map-2");
    expect(nextNodeId(flow, "trigger.webhook")).toBe("trigger-webhook");
    expect(newNodeConfig("upsert", "account")).toMatchObject({
      object: "account",
      operation: "upsert",
    });
    expect(
      configSummary({
        id: "f",
        type: "filter",
        position: { x: 0, y: 0 },
        config: { condition: "x > 1" },
      }),
    ).toBe("x > 1");
  });
});

describe("copy, paste and layout", () => {
  it("pastes copies with fresh ids and their inner edges", () => {
    const content = copySelection(flow, new Set(["map", "lookup"]));
    expect(content.edges.map((e) => e.id)).toEqual(["e-map-lookup"]);
    const roundTrip = parseClipboard(JSON.stringify(content));
    if (!roundTrip) throw new Error("clipboard did not parse");
    const ops = pasteOperations(flow, roundTrip);
    const result = applyEdit(initialEditState(flow), ops);
    if (!result.ok) throw new Error(result.message);
    expect(result.state.draft.nodes.slice(-2).map((n) => n.id)).toEqual(["map-2", "lookup-2"]);
    expect(result.state.draft.edges.at(-1)).toMatchObject({ source: "map-2", target: "lookup-2" });
    expect(parseClipboard("not json")).toBeNull();
  });

  it("lays nodes out left to right in edge order", () => {
    const stacked: FlowDraft = {
      ...flow,
      nodes: flow.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })),
    };
    const result = applyEdit(initialEditState(stacked), autoLayoutOperations(stacked));
    if (!result.ok) throw new Error(result.message);
    const xs = result.state.draft.nodes.map((n) => n.position.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(xs.length);
  });
});
