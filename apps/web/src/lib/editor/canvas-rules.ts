import {
  applyFlowOperation,
  type FlowDraft,
  type FlowDraftNode,
  flowOperationSchema,
  type NodeType,
  nodeCatalogue,
} from "@duplex/core";

export interface ConnectionAttempt {
  source: string | null;
  target: string | null;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/** The addEdge operation a canvas connection stands for, or null when it names no nodes. */
export function addEdgeOperation(connection: ConnectionAttempt) {
  if (!connection.source || !connection.target) return null;
  return flowOperationSchema.parse({
    type: "addEdge",
    edge: {
      source: connection.source,
      target: connection.target,
      ...(connection.sourceHandle ? { sourceHandle: connection.sourceHandle } : {}),
      ...(connection.targetHandle ? { targetHandle: connection.targetHandle } : {}),
    },
  });
}

/** Refuses, while dragging, exactly what `applyFlowOperation` would refuse on drop. */
export function connectionRefusal(draft: FlowDraft, connection: ConnectionAttempt): string | null {
  const op = addEdgeOperation(connection);
  if (!op) return "Connect two nodes";
  const result = applyFlowOperation(draft, op);
  return result.ok ? null : result.message;
}

/** A readable id not yet used in the flow: filter, filter-2, ... */
export function nextNodeId(draft: FlowDraft, type: NodeType): string {
  const base = type.replace(/^trigger\./, "trigger-");
  const taken = new Set(draft.nodes.map((n) => n.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** A new node's config: the catalogue default, with the flow's object filled in. */
export function newNodeConfig(type: NodeType, objectKey: string | null): Record<string, unknown> {
  const config: Record<string, unknown> = structuredClone(nodeCatalogue[type].defaultConfig);
  if ("object" in config && objectKey) config.object = objectKey;
  return config;
}

/** One-line summary of a node's settings for its canvas card. */
export function configSummary(node: FlowDraftNode): string {
  const c = node.config;
  const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
  switch (node.type) {
    case "map": {
      const count = Array.isArray(c.mappings) ? c.mappings.length : 0;
      return `${count} field${count === 1 ? "" : "s"} mapped`;
    }
    case "filter":
      return text(c.condition) || "no condition";
    case "lookup":
      return `by ${text(c.strategy) || "link"}`;
    case "compare":
      return Array.isArray(c.ignoreFields) && c.ignoreFields.length > 0
        ? `ignores ${c.ignoreFields.length} field(s)`
        : "all mapped fields";
    case "upsert":
      return `${text(c.operation) || "upsert"} ${text(c.object)}`.trim();
    case "delete":
      return `${text(c.behaviour) || "hard"} delete`;
    case "trigger.schedule":
      return c.cron ? `cron ${text(c.cron)}` : `every ${text(c.intervalSeconds)} s`;
    case "trigger.poll":
      return `every ${text(c.intervalSeconds) || "60"} s`;
    default:
      return text(c.object);
  }
}
