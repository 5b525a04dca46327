"use client";

import "@xyflow/react/dist/style.css";
import {
  type FlowDraft,
  type FlowOperationInput,
  nodeTypeSchema,
  type Problem,
} from "@duplex/core";
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect, useMemo, useState } from "react";
import { connectionRefusal, newNodeConfig, nextNodeId } from "@/lib/editor/canvas-rules";
import { type FlowCanvasNode, FlowNodeCard } from "./flow-node-card";
import { NODE_DRAG_TYPE } from "./node-palette";

const nodeTypes = { flow: FlowNodeCard };

export interface FlowCanvasProps {
  draft: FlowDraft;
  problems: readonly Problem[];
  readOnly?: boolean;
  objectKey: string | null;
  /** Applies edits; returns why they were refused, or null. */
  onOperations(ops: FlowOperationInput[]): string | null;
  onSelectionChange(nodeIds: string[]): void;
  onRefused(message: string): void;
}

function toCanvasNodes(
  draft: FlowDraft,
  problems: readonly Problem[],
  selected: ReadonlySet<string>,
): FlowCanvasNode[] {
  return draft.nodes.map((node) => {
    const mine = problems.filter((p) => p.nodeId === node.id);
    return {
      id: node.id,
      type: "flow",
      position: node.position,
      selected: selected.has(node.id),
      data: {
        node,
        errors: mine.filter((p) => p.severity === "error").map((p) => p.message),
        warnings: mine.filter((p) => p.severity === "warning").map((p) => p.message),
      },
    };
  });
}

function toCanvasEdges(draft: FlowDraft, selected: ReadonlySet<string>): Edge[] {
  return draft.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? null,
    targetHandle: edge.targetHandle ?? null,
    selected: selected.has(edge.id),
    label: edge.sourceHandle === "else" ? "else" : undefined,
  }));
}

function Canvas(props: FlowCanvasProps) {
  const { draft, problems, readOnly = false, onOperations, onRefused } = props;
  const flow = useReactFlow();
  const [nodes, setNodes] = useState<FlowCanvasNode[]>(() =>
    toCanvasNodes(draft, problems, new Set()),
  );
  const [edges, setEdges] = useState<Edge[]>(() => toCanvasEdges(draft, new Set()));

  // The draft is the truth; the canvas keeps only transient state (selection, measured sizes).
  useEffect(() => {
    setNodes((prev) => {
      const before = new Map(prev.map((n) => [n.id, n]));
      const selected = new Set(prev.filter((n) => n.selected).map((n) => n.id));
      return toCanvasNodes(draft, problems, selected).map((n) => {
        const old = before.get(n.id);
        return old?.measured ? { ...n, measured: old.measured } : n;
      });
    });
    setEdges((prev) =>
      toCanvasEdges(draft, new Set(prev.filter((e) => e.selected).map((e) => e.id))),
    );
  }, [draft, problems]);

  const onNodesChange = useCallback((changes: NodeChange<FlowCanvasNode>[]) => {
    setNodes((prev) =>
      applyNodeChanges(
        changes.filter((c) => c.type !== "remove" && c.type !== "add"),
        prev,
      ),
    );
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setEdges((prev) =>
      applyEdgeChanges(
        changes.filter((c) => c.type === "select"),
        prev,
      ),
    );
  }, []);

  const { onSelectionChange } = props;
  const onSelection = useCallback(
    ({ nodes: chosen }: { nodes: FlowCanvasNode[] }) => onSelectionChange(chosen.map((n) => n.id)),
    [onSelectionChange],
  );

  const apply = useCallback(
    (ops: FlowOperationInput[]) => {
      if (ops.length === 0) return;
      const refusal = onOperations(ops);
      if (refusal) onRefused(refusal);
    },
    [onOperations, onRefused],
  );

  const onDrop = useCallback(
    (event: DragEvent<HTMLDivElement>) => {
      event.preventDefault();
      const type = nodeTypeSchema.safeParse(event.dataTransfer.getData(NODE_DRAG_TYPE));
      if (!type.success || readOnly) return;
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      apply([
        {
          type: "addNode",
          node: {
            id: nextNodeId(draft, type.data),
            type: type.data,
            position: { x: Math.round(position.x), y: Math.round(position.y) },
            config: newNodeConfig(type.data, props.objectKey),
          },
        },
      ]);
    },
    [apply, draft, flow, props.objectKey, readOnly],
  );

  const miniMapColor = useCallback(
    (n: FlowCanvasNode) => (n.data.errors.length ? "#f87171" : "#a5b4fc"),
    [],
  );
  const fitViewOptions = useMemo(() => ({ padding: 0.2, maxZoom: 1 }), []);

  return (
    <div
      role="application"
      aria-label="Flow canvas"
      className="h-full w-full"
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
      data-testid="flow-canvas"
    >
      <ReactFlow<FlowCanvasNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onSelectionChange={onSelection}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={(_event, _node, dragged) =>
          apply(
            dragged.map((n) => ({
              type: "moveNode",
              nodeId: n.id,
              position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
            })),
          )
        }
        onConnect={(connection) =>
          apply([
            {
              type: "addEdge",
              edge: {
                source: connection.source,
                target: connection.target,
                ...(connection.sourceHandle ? { sourceHandle: connection.sourceHandle } : {}),
                ...(connection.targetHandle ? { targetHandle: connection.targetHandle } : {}),
              },
            },
          ])
        }
        isValidConnection={(connection) => connectionRefusal(draft, connection) === null}
        onDelete={({ nodes: gone, edges: goneEdges }) => {
          const removed = new Set(gone.map((n) => n.id));
          const ops: FlowOperationInput[] = [];
          if (removed.size) ops.push({ type: "removeNodes", nodeIds: [...removed] });
          const edgeIds = goneEdges
            .filter((e) => !removed.has(e.source) && !removed.has(e.target))
            .map((e) => e.id);
          if (edgeIds.length) ops.push({ type: "removeEdges", edgeIds });
          apply(ops);
        }}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={readOnly ? null : ["Backspace", "Delete"]}
        multiSelectionKeyCode={["Meta", "Control", "Shift"]}
        snapToGrid
        snapGrid={[16, 16]}
        fitView
        fitViewOptions={fitViewOptions}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} color="#e2e8f0" />
        <MiniMap<FlowCanvasNode>
          pannable
          zoomable
          nodeColor={miniMapColor}
          style={{ width: 150, height: 96 }}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

export function FlowCanvas(props: FlowCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
