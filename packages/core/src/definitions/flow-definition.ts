import { z } from "zod";
import { directionSchema } from "./common";
import {
  changeStreamTriggerConfigSchema,
  compareConfigSchema,
  deleteConfigSchema,
  filterConfigSchema,
  lookupConfigSchema,
  mapConfigSchema,
  pollTriggerConfigSchema,
  scheduleTriggerConfigSchema,
  upsertConfigSchema,
  webhookTriggerConfigSchema,
  writeBackConfigSchema,
} from "./node-configs";
import { retryPolicySchema } from "./retry-policy";

export const nodeTypeSchema = z.enum([
  "trigger.webhook",
  "trigger.schedule",
  "trigger.poll",
  "trigger.change-stream",
  "map",
  "filter",
  "lookup",
  "compare",
  "upsert",
  "delete",
  "write-back",
]);
export type NodeType = z.infer<typeof nodeTypeSchema>;
export const nodeTypes: readonly NodeType[] = nodeTypeSchema.options;

/** Every node's config schema by node type: the editor builds its forms from these. */
export const nodeConfigSchemas = {
  "trigger.webhook": webhookTriggerConfigSchema,
  "trigger.schedule": scheduleTriggerConfigSchema,
  "trigger.poll": pollTriggerConfigSchema,
  "trigger.change-stream": changeStreamTriggerConfigSchema,
  map: mapConfigSchema,
  filter: filterConfigSchema,
  lookup: lookupConfigSchema,
  compare: compareConfigSchema,
  upsert: upsertConfigSchema,
  delete: deleteConfigSchema,
  "write-back": writeBackConfigSchema,
} as const satisfies Record<NodeType, z.ZodType>;

export type NodeConfig<T extends NodeType> = z.infer<(typeof nodeConfigSchemas)[T]>;

export function isTriggerType(type: string): boolean {
  return type.startsWith("trigger.");
}

export const positionSchema = z.object({ x: z.number(), y: z.number() });
export type Position = z.infer<typeof positionSchema>;

export const nodeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "Use letters, digits, '_', '.', ':' or '-'");

function nodeSchema<T extends NodeType>(type: T) {
  return z.object({
    id: nodeIdSchema,
    type: z.literal(type),
    position: positionSchema,
    label: z.string().optional().describe("Shown on the canvas instead of the type's name."),
    config: nodeConfigSchemas[type],
    retry: retryPolicySchema.optional().describe("Retry policy for this node's I/O."),
  });
}

export const flowNodeSchema = z.discriminatedUnion("type", [
  nodeSchema("trigger.webhook"),
  nodeSchema("trigger.schedule"),
  nodeSchema("trigger.poll"),
  nodeSchema("trigger.change-stream"),
  nodeSchema("map"),
  nodeSchema("filter"),
  nodeSchema("lookup"),
  nodeSchema("compare"),
  nodeSchema("upsert"),
  nodeSchema("delete"),
  nodeSchema("write-back"),
]);
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowNodeOf<T extends NodeType> = Extract<FlowNode, { type: T }>;

export const flowEdgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1).describe("Id of the node the edge leaves."),
  target: z.string().min(1).describe("Id of the node the edge enters."),
  sourceHandle: z
    .string()
    .min(1)
    .optional()
    .describe("Output handle; the node's first when omitted."),
  targetHandle: z
    .string()
    .min(1)
    .optional()
    .describe("Input handle; the node's first when omitted."),
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

function duplicateIdIssues(items: readonly { id: string }[], collection: "nodes" | "edges") {
  const seen = new Set<string>();
  const issues: { message: string; path: (string | number)[] }[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      issues.push({ message: `Duplicate id '${item.id}'`, path: [collection, index, "id"] });
    }
    seen.add(item.id);
  });
  return issues;
}

/** A runnable flow: every node's config is complete. Flow versions are stored in this shape. */
export const flowDefinitionSchema = z
  .object({
    schemaVersion: z.literal(1),
    direction: directionSchema,
    nodes: z.array(flowNodeSchema),
    edges: z.array(flowEdgeSchema),
  })
  .superRefine((flow, ctx) => {
    for (const issue of [
      ...duplicateIdIssues(flow.nodes, "nodes"),
      ...duplicateIdIssues(flow.edges, "edges"),
    ]) {
      ctx.addIssue({ code: "custom", ...issue });
    }
  });
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;

/**
 * A flow being edited. Configs may be incomplete (a freshly dropped node has no object yet), so
 * they are kept as plain objects; `validateFlow` reports what is missing, and a version is saved
 * only once `flowDefinitionSchema` accepts it. Every FlowDefinition is also a FlowDraft.
 */
export const flowDraftNodeSchema = z.object({
  id: nodeIdSchema,
  type: nodeTypeSchema,
  position: positionSchema,
  label: z.string().optional(),
  config: z.record(z.string(), z.unknown()),
  retry: retryPolicySchema.optional(),
});
export type FlowDraftNode = z.infer<typeof flowDraftNodeSchema>;

export const flowDraftSchema = z.object({
  schemaVersion: z.literal(1),
  direction: directionSchema,
  nodes: z.array(flowDraftNodeSchema),
  edges: z.array(flowEdgeSchema),
});
export type FlowDraft = z.infer<typeof flowDraftSchema>;
