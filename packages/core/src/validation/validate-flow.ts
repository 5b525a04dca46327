import { isTriggerType, type NodeType, nodeTypeSchema } from "../definitions/flow-definition";
import { nodeCatalogue } from "../definitions/node-catalogue";
import type { SyncDefinition } from "../definitions/sync-definition";
import type { ObjectDescriptor } from "../model/describe";
import { writesIntoSor } from "../sync/identity";
import { ancestorsOf, findCycle, reachableFrom } from "./graph";
import { checkNode } from "./node-checks";
import { type GraphNode, parseFlowLeniently } from "./parse-flow";
import { type Problem, problem } from "./problem";

export interface ValidateFlowContext {
  sync?: SyncDefinition;
  /** The object the trigger reads, for mapping source checks. */
  source?: ObjectDescriptor;
  /** The object the flow writes, for mapping target checks. */
  target?: ObjectDescriptor;
  /** Whether the opposite flow exists too; then writes must be matched by a lookup. */
  twoWay?: boolean;
}

function catalogueOf(type: string) {
  const known = nodeTypeSchema.safeParse(type);
  return known.success ? nodeCatalogue[known.data] : undefined;
}

function duplicateIds(
  items: readonly { id: string; index: number }[],
  kind: "node" | "edge",
): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const item of items) {
    if (seen.has(item.id)) {
      problems.push(
        problem("duplicate-id", `Duplicate ${kind} id '${item.id}'`, {
          path: [`${kind}s`, item.index, "id"],
        }),
      );
    }
    seen.add(item.id);
  }
  return problems;
}

/**
 * Every problem of a flow, not just the first: schema errors mapped to their node, graph shape,
 * field references, expressions and casts. An empty list means the flow can be saved and run.
 */
export function validateFlow(flow: unknown, context: ValidateFlowContext = {}): Problem[] {
  const parsed = parseFlowLeniently(flow);
  const problems = [...parsed.problems];
  problems.push(...duplicateIds(parsed.nodes, "node"), ...duplicateIds(parsed.edges, "edge"));
  const byId = new Map<string, GraphNode>(parsed.nodes.map((n) => [n.id, n]));

  const triggers = parsed.nodes.filter((n) => isTriggerType(n.type));
  if (triggers.length === 0) problems.push(problem("no-trigger", "The flow needs a trigger"));
  for (const extra of triggers.slice(1)) {
    problems.push(
      problem("multiple-triggers", "A flow has exactly one trigger", { nodeId: extra.id }),
    );
  }

  const graphEdges = [];
  const edgeKeys = new Set<string>();
  for (const edge of parsed.edges) {
    const at = (field: string) => ({ edgeId: edge.id, path: [field] });
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source)
      problems.push(
        problem("dangling-edge", `Edge source '${edge.source}' does not exist`, at("source")),
      );
    if (!target)
      problems.push(
        problem("dangling-edge", `Edge target '${edge.target}' does not exist`, at("target")),
      );
    if (!source || !target) continue;
    if (edge.source === edge.target) {
      problems.push(problem("self-loop", "An edge cannot connect a node to itself", at("target")));
      continue;
    }
    if (isTriggerType(target.type)) {
      problems.push(
        problem("trigger-has-input", "Nothing can flow into a trigger", {
          ...at("target"),
          nodeId: target.id,
        }),
      );
    }
    const outputs = catalogueOf(source.type)?.outputs ?? [];
    const inputs = catalogueOf(target.type)?.inputs ?? [];
    const sourceHandle = edge.sourceHandle ?? outputs[0];
    const targetHandle = edge.targetHandle ?? inputs[0];
    if (edge.sourceHandle && catalogueOf(source.type) && !outputs.includes(edge.sourceHandle)) {
      problems.push(
        problem(
          "invalid-handle",
          `${source.type} has no output '${edge.sourceHandle}'`,
          at("sourceHandle"),
        ),
      );
    }
    if (edge.targetHandle && catalogueOf(target.type) && !inputs.includes(edge.targetHandle)) {
      problems.push(
        problem(
          "invalid-handle",
          `${target.type} has no input '${edge.targetHandle}'`,
          at("targetHandle"),
        ),
      );
    }
    const key = `${edge.source}\u0000${sourceHandle}\u0000${edge.target}\u0000${targetHandle}`;
    if (edgeKeys.has(key))
      problems.push(problem("duplicate-edge", "These nodes are already connected", at("target")));
    edgeKeys.add(key);
    graphEdges.push(edge);
  }
  const graph = { nodes: parsed.nodes, edges: graphEdges };

  const cycle = findCycle(graph);
  if (cycle) {
    problems.push(
      problem("cycle", `The flow loops: ${cycle.join(" -> ")}`, { nodeId: cycle[0] ?? "" }),
    );
  }
  const [trigger] = triggers;
  if (trigger) {
    const reachable = reachableFrom(graph, trigger.id);
    for (const node of parsed.nodes) {
      if (!reachable.has(node.id) && !isTriggerType(node.type)) {
        problems.push(
          problem("unreachable", "No path from the trigger reaches this node", {
            nodeId: node.id,
            severity: "warning",
          }),
        );
      }
    }
  }

  const typesUpstream = (id: string): Set<string> =>
    new Set([...ancestorsOf(graph, id)].map((a) => byId.get(a)?.type ?? ""));
  const ofType = (type: NodeType) => parsed.nodes.filter((n) => n.type === type);
  if (context.twoWay) {
    for (const upsert of ofType("upsert")) {
      if (!typesUpstream(upsert.id).has("lookup")) {
        problems.push(
          problem(
            "upsert-without-lookup",
            "In a two-way sync an upsert needs a lookup before it, or records duplicate",
            {
              nodeId: upsert.id,
            },
          ),
        );
      }
    }
  }
  for (const writeBack of ofType("write-back")) {
    if (!typesUpstream(writeBack.id).has("upsert")) {
      problems.push(
        problem(
          "write-back-before-upsert",
          "Write-back needs the SOR key an upsert returns; place it after one",
          {
            nodeId: writeBack.id,
          },
        ),
      );
    }
  }
  problems.push(...syncChecks(parsed.nodes, parsed.direction, context.sync));

  for (const graphNode of parsed.nodes) {
    if (graphNode.node) {
      const fields = {
        ...(context.source ? { source: context.source } : {}),
        ...(context.target ? { target: context.target } : {}),
      };
      problems.push(...checkNode(graphNode.node, fields));
    }
  }
  return problems;
}

function syncChecks(
  nodes: readonly GraphNode[],
  direction: "a-to-b" | "b-to-a" | undefined,
  sync: SyncDefinition | undefined,
): Problem[] {
  if (!sync) return [];
  const problems: Problem[] = [];
  const keys = new Set(sync.objects.map((o) => o.key));
  for (const { node } of nodes) {
    if (!node) continue;
    if ("object" in node.config && !keys.has(node.config.object)) {
      problems.push(
        problem("unknown-object", `Sync '${sync.name}' has no object '${node.config.object}'`, {
          nodeId: node.id,
          path: ["config", "object"],
        }),
      );
    }
    if (node.type === "lookup" && node.config.strategy === "sor-key" && sync.mode.type !== "sor") {
      problems.push(
        problem("lookup-strategy-mode", "sor-key lookups need a sync in SOR mode", {
          nodeId: node.id,
          path: ["config", "strategy"],
        }),
      );
    }
  }
  if (!direction) return problems;
  const needsWriteBack = writesIntoSor(sync, direction);
  const hasWriteBack = nodes.some((n) => n.type === "write-back");
  const hasUpsert = nodes.some((n) => n.type === "upsert");
  for (const node of nodes.filter((n) => n.type === "write-back" && !needsWriteBack)) {
    problems.push(
      problem(
        "write-back-not-needed",
        "Write-back only applies when this direction writes into the SOR",
        {
          nodeId: node.id,
          severity: "warning",
        },
      ),
    );
  }
  if (needsWriteBack && hasUpsert && !hasWriteBack) {
    problems.push(
      problem(
        "missing-write-back",
        "This flow creates SOR records; add a write-back so the other side learns their keys",
        {
          severity: "warning",
        },
      ),
    );
  }
  return problems;
}
