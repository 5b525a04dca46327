import { z } from "zod";
import {
  type FlowDraft,
  type FlowDraftNode,
  type FlowEdge,
  flowDraftNodeSchema,
  flowEdgeSchema,
  isTriggerType,
  positionSchema,
} from "../definitions/flow-definition";
import { nodeCatalogue } from "../definitions/node-catalogue";
import { findCycle } from "../validation/graph";

const nodeIds = z.array(z.string().min(1)).min(1);

/**
 * Editor changes as data: the canvas and the API both send these, and one pure function applies
 * them, so both paths enforce the same rules.
 */
export const flowOperationSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("addNode"),
    /** Without a config the node starts with its catalogue default. */
    node: flowDraftNodeSchema.extend({ config: flowDraftNodeSchema.shape.config.optional() }),
  }),
  z.object({ type: z.literal("removeNodes"), nodeIds }),
  z.object({ type: z.literal("moveNode"), nodeId: z.string().min(1), position: positionSchema }),
  z.object({
    type: z.literal("updateNodeConfig"),
    nodeId: z.string().min(1),
    config: z.record(z.string(), z.unknown()),
    /** Merge into the current config (top-level keys) instead of replacing it. */
    merge: z.boolean().default(false),
  }),
  z.object({
    type: z.literal("addEdge"),
    /** Without an id one is derived from the endpoints. */
    edge: flowEdgeSchema.extend({ id: z.string().min(1).optional() }),
  }),
  z.object({ type: z.literal("removeEdges"), edgeIds: nodeIds }),
  z.object({
    type: z.literal("setLabel"),
    nodeId: z.string().min(1),
    /** null or "" clears the label. */
    label: z.string().nullable(),
  }),
]);
export type FlowOperation = z.infer<typeof flowOperationSchema>;
export type FlowOperationInput = z.input<typeof flowOperationSchema>;

export type FlowOperationErrorCode =
  | "duplicate-id"
  | "node-not-found"
  | "edge-not-found"
  | "self-loop"
  | "duplicate-edge"
  | "into-trigger"
  | "invalid-handle"
  | "cycle";

export type FlowOperationResult =
  | { ok: true; flow: FlowDraft }
  | { ok: false; code: FlowOperationErrorCode; message: string };

const fail = (code: FlowOperationErrorCode, message: string) => ({
  ok: false as const,
  code,
  message,
});

function replaceNode(
  flow: FlowDraft,
  nodeId: string,
  change: (node: FlowDraftNode) => FlowDraftNode,
): FlowOperationResult {
  if (!flow.nodes.some((n) => n.id === nodeId))
    return fail("node-not-found", `No node '${nodeId}'`);
  return {
    ok: true,
    flow: { ...flow, nodes: flow.nodes.map((n) => (n.id === nodeId ? change(n) : n)) },
  };
}

/** Applies one edit and returns a new flow; the input is never mutated. Refusals say why. */
export function applyFlowOperation(flow: FlowDraft, op: FlowOperation): FlowOperationResult {
  switch (op.type) {
    case "addNode": {
      if (flow.nodes.some((n) => n.id === op.node.id))
        return fail("duplicate-id", `Node '${op.node.id}' exists`);
      const config = op.node.config ?? structuredClone(nodeCatalogue[op.node.type].defaultConfig);
      return { ok: true, flow: { ...flow, nodes: [...flow.nodes, { ...op.node, config }] } };
    }
    case "removeNodes": {
      const missing = op.nodeIds.filter((id) => !flow.nodes.some((n) => n.id === id));
      if (missing.length > 0)
        return fail("node-not-found", `No node ${missing.map((id) => `'${id}'`).join(", ")}`);
      const removed = new Set(op.nodeIds);
      return {
        ok: true,
        flow: {
          ...flow,
          nodes: flow.nodes.filter((n) => !removed.has(n.id)),
          // Edges of removed nodes go too: a dangling edge is never useful.
          edges: flow.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)),
        },
      };
    }
    case "moveNode":
      return replaceNode(flow, op.nodeId, (n) => ({ ...n, position: op.position }));
    case "updateNodeConfig":
      return replaceNode(flow, op.nodeId, (n) => ({
        ...n,
        config: op.merge ? { ...n.config, ...op.config } : op.config,
      }));
    case "setLabel":
      return replaceNode(flow, op.nodeId, (n) => {
        const { label: _old, ...rest } = n;
        return op.label ? { ...rest, label: op.label } : rest;
      });
    case "addEdge":
      return addEdge(flow, op.edge);
    case "removeEdges": {
      const missing = op.edgeIds.filter((id) => !flow.edges.some((e) => e.id === id));
      if (missing.length > 0)
        return fail("edge-not-found", `No edge ${missing.map((id) => `'${id}'`).join(", ")}`);
      const removed = new Set(op.edgeIds);
      return { ok: true, flow: { ...flow, edges: flow.edges.filter((e) => !removed.has(e.id)) } };
    }
  }
}

function addEdge(
  flow: FlowDraft,
  input: Omit<FlowEdge, "id"> & { id?: string | undefined },
): FlowOperationResult {
  const source = flow.nodes.find((n) => n.id === input.source);
  const target = flow.nodes.find((n) => n.id === input.target);
  if (!source) return fail("node-not-found", `No node '${input.source}'`);
  if (!target) return fail("node-not-found", `No node '${input.target}'`);
  if (source.id === target.id) return fail("self-loop", "A node cannot connect to itself");
  if (isTriggerType(target.type)) return fail("into-trigger", "Nothing can connect into a trigger");
  const outputs = nodeCatalogue[source.type].outputs;
  const inputs = nodeCatalogue[target.type].inputs;
  const sourceHandle = input.sourceHandle ?? outputs[0];
  const targetHandle = input.targetHandle ?? inputs[0];
  if (!sourceHandle || !outputs.includes(sourceHandle)) {
    return fail("invalid-handle", `${source.type} has no output '${input.sourceHandle ?? ""}'`);
  }
  if (!targetHandle || !inputs.includes(targetHandle)) {
    return fail("invalid-handle", `${target.type} has no input '${input.targetHandle ?? ""}'`);
  }
  const same = flow.edges.some(
    (e) =>
      e.source === source.id &&
      e.target === target.id &&
      (e.sourceHandle ?? outputs[0]) === sourceHandle &&
      (e.targetHandle ?? inputs[0]) === targetHandle,
  );
  if (same) return fail("duplicate-edge", "These handles are already connected");
  if (input.id !== undefined && flow.edges.some((e) => e.id === input.id)) {
    return fail("duplicate-id", `Edge '${input.id}' exists`);
  }
  const id = input.id ?? uniqueEdgeId(flow, `e-${source.id}-${target.id}`);
  const edge: FlowEdge = { ...input, id };
  const edges = [...flow.edges, edge];
  const cycle = findCycle({ nodes: flow.nodes, edges });
  if (cycle) return fail("cycle", `This edge would make a loop: ${cycle.join(" -> ")}`);
  return { ok: true, flow: { ...flow, edges } };
}

function uniqueEdgeId(flow: FlowDraft, base: string): string {
  const taken = new Set(flow.edges.map((e) => e.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** Applies several edits in order, stopping at the first refusal (an editor transaction). */
export function applyFlowOperations(
  flow: FlowDraft,
  ops: readonly FlowOperation[],
): FlowOperationResult {
  let current: FlowDraft = flow;
  for (const op of ops) {
    const result = applyFlowOperation(current, op);
    if (!result.ok) return result;
    current = result.flow;
  }
  return { ok: true, flow: current };
}
