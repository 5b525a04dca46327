import dagre from "@dagrejs/dagre";
import type { FlowDraft, FlowOperationInput } from "@duplex/core";

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 88;

/** Left-to-right layered layout (dagre); returns moveNode operations for nodes that moved. */
export function autoLayoutOperations(draft: FlowDraft): FlowOperationInput[] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 48, ranksep: 72 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of draft.nodes)
    graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of draft.edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const ops: FlowOperationInput[] = [];
  for (const node of draft.nodes) {
    const laid = graph.node(node.id);
    if (!laid) continue;
    // dagre gives centres; the canvas positions nodes by their top-left corner.
    const position = {
      x: Math.round(laid.x - NODE_WIDTH / 2),
      y: Math.round(laid.y - NODE_HEIGHT / 2),
    };
    if (position.x !== node.position.x || position.y !== node.position.y) {
      ops.push({ type: "moveNode", nodeId: node.id, position });
    }
  }
  return ops;
}
