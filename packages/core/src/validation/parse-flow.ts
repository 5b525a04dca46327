import { z } from "zod";
import { directionSchema } from "../definitions/common";
import {
  type FlowEdge,
  type FlowNode,
  flowEdgeSchema,
  flowNodeSchema,
} from "../definitions/flow-definition";
import { type Problem, problem } from "./problem";

/** A node as far as the graph checks care: known id and type even when its config is invalid. */
export interface GraphNode {
  id: string;
  type: string;
  index: number;
  /** Present when the node passed its schema. */
  node?: FlowNode;
}

export interface ParsedFlow {
  direction?: z.infer<typeof directionSchema>;
  nodes: GraphNode[];
  edges: (FlowEdge & { index: number })[];
  problems: Problem[];
}

const looseFlowSchema = z.looseObject({
  schemaVersion: z.unknown(),
  direction: z.unknown(),
  nodes: z.unknown(),
  edges: z.unknown(),
});
const looseNodeSchema = z.looseObject({ id: z.string().min(1), type: z.string() });

function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  where: { nodeId?: string; edgeId?: string; prefix?: (string | number)[] },
): Problem[] {
  return issues.map((issue) => {
    const path = [...(where.prefix ?? []), ...issue.path.filter((p) => typeof p !== "symbol")];
    const label = path.length > 0 ? `${path.join(".")}: ` : "";
    const { prefix: _prefix, ...ids } = where;
    return problem("schema", `${label}${issue.message}`, { ...ids, path });
  });
}

/**
 * Parses a flow one piece at a time so one bad node does not hide the problems of the others:
 * schema errors are reported against the node or edge they belong to.
 */
export function parseFlowLeniently(input: unknown): ParsedFlow {
  const parsed: ParsedFlow = { nodes: [], edges: [], problems: [] };
  const top = looseFlowSchema.safeParse(input);
  if (!top.success) {
    parsed.problems.push(problem("schema", "A flow must be an object", { path: [] }));
    return parsed;
  }
  const raw = top.data;
  if (raw.schemaVersion !== 1) {
    parsed.problems.push(problem("schema", "schemaVersion must be 1", { path: ["schemaVersion"] }));
  }
  const direction = directionSchema.safeParse(raw.direction);
  if (direction.success) parsed.direction = direction.data;
  else
    parsed.problems.push(
      problem("schema", "direction must be a-to-b or b-to-a", { path: ["direction"] }),
    );

  const nodes = z.array(z.unknown()).safeParse(raw.nodes);
  if (!nodes.success)
    parsed.problems.push(problem("schema", "nodes must be a list", { path: ["nodes"] }));
  for (const [index, rawNode] of (nodes.data ?? []).entries()) {
    const result = flowNodeSchema.safeParse(rawNode);
    if (result.success) {
      parsed.nodes.push({ id: result.data.id, type: result.data.type, index, node: result.data });
      continue;
    }
    const loose = looseNodeSchema.safeParse(rawNode);
    if (loose.success) {
      parsed.nodes.push({ id: loose.data.id, type: loose.data.type, index });
      parsed.problems.push(...issuesToProblems(result.error.issues, { nodeId: loose.data.id }));
    } else {
      parsed.problems.push(...issuesToProblems(result.error.issues, { prefix: ["nodes", index] }));
    }
  }

  const edges = z.array(z.unknown()).safeParse(raw.edges);
  if (!edges.success)
    parsed.problems.push(problem("schema", "edges must be a list", { path: ["edges"] }));
  for (const [index, rawEdge] of (edges.data ?? []).entries()) {
    const result = flowEdgeSchema.safeParse(rawEdge);
    if (result.success) parsed.edges.push({ ...result.data, index });
    else
      parsed.problems.push(...issuesToProblems(result.error.issues, { prefix: ["edges", index] }));
  }
  return parsed;
}
