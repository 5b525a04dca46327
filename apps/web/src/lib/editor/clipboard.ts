import {
  type FlowDraft,
  type FlowDraftNode,
  type FlowEdge,
  type FlowOperationInput,
  flowDraftNodeSchema,
  flowEdgeSchema,
} from "@duplex/core";
import { z } from "zod";
import { nextNodeId } from "./canvas-rules";

/** What copy puts on the clipboard: the selected nodes and the edges between them. */
export const clipboardSchema = z.object({
  kind: z.literal("duplex/nodes"),
  nodes: z.array(flowDraftNodeSchema),
  edges: z.array(flowEdgeSchema),
});
export type ClipboardContent = z.infer<typeof clipboardSchema>;

export function copySelection(draft: FlowDraft, nodeIds: ReadonlySet<string>): ClipboardContent {
  return {
    kind: "duplex/nodes",
    nodes: draft.nodes.filter((n) => nodeIds.has(n.id)),
    edges: draft.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target)),
  };
}

export const PASTE_OFFSET = 40;

/**
 * Operations that paste the content with fresh ids, offset so the copies do not hide the
 * originals. The ids are reserved one by one so two pasted filters get filter-2 and filter-3.
 */
export function pasteOperations(draft: FlowDraft, content: ClipboardContent): FlowOperationInput[] {
  const working: FlowDraft = { ...draft, nodes: [...draft.nodes] };
  const renamed = new Map<string, string>();
  const ops: FlowOperationInput[] = [];
  for (const node of content.nodes) {
    const id = nextNodeId(working, node.type);
    renamed.set(node.id, id);
    const copy: FlowDraftNode = {
      ...structuredClone(node),
      id,
      position: { x: node.position.x + PASTE_OFFSET, y: node.position.y + PASTE_OFFSET },
    };
    working.nodes.push(copy);
    ops.push({ type: "addNode", node: copy });
  }
  for (const edge of content.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) continue;
    const { id: _id, ...rest }: FlowEdge = edge;
    ops.push({ type: "addEdge", edge: { ...rest, source, target } });
  }
  return ops;
}

export function parseClipboard(text: string): ClipboardContent | null {
  try {
    const parsed = clipboardSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
