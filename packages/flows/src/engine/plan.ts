import {
  type FlowDefinition,
  nodeCatalogue,
  type RetryPolicy,
  retryPolicySchema,
  topologicalOrder,
} from "@duplex/core";

export interface PlannedStep {
  nodeId: string;
  nodeType: string;
  retry: RetryPolicy;
  /**
   * False for nodes that only transform records in memory (map, filter, compare): the workflow
   * runs those as local activities, next to the workflow task, without a task-queue round trip.
   */
  performsIo: boolean;
  /** Where this node's input comes from: an upstream node's output handle. */
  inputs: Array<{ nodeId: string; handle: string }>;
}

export interface RunPlan {
  entryNodeId: string;
  steps: PlannedStep[];
}

/**
 * The order the interpreter walks: topological, starting at the trigger (or, for a replay from a
 * step, at that step), keeping only nodes reachable from the start.
 */
export function planSteps(
  flow: FlowDefinition,
  startNodeId: string,
  defaultRetry?: RetryPolicy,
): RunPlan {
  const order = topologicalOrder(flow);
  const reachable = new Set<string>([startNodeId]);
  for (const id of order) {
    if (!reachable.has(id)) continue;
    for (const edge of flow.edges) if (edge.source === id) reachable.add(edge.target);
  }
  const steps: PlannedStep[] = [];
  for (const id of order) {
    if (!reachable.has(id)) continue;
    const node = flow.nodes.find((n) => n.id === id);
    if (!node) continue;
    const firstOutput = (sourceId: string) => {
      const source = flow.nodes.find((n) => n.id === sourceId);
      return source ? (nodeCatalogue[source.type].outputs[0] ?? "out") : "out";
    };
    const inputs =
      id === startNodeId
        ? []
        : flow.edges
            .filter((e) => e.target === id && reachable.has(e.source))
            .map((e) => ({ nodeId: e.source, handle: e.sourceHandle ?? firstOutput(e.source) }));
    steps.push({
      nodeId: id,
      nodeType: node.type,
      performsIo: nodeCatalogue[node.type].performsIo,
      retry: node.retry ?? defaultRetry ?? retryPolicySchema.parse({}),
      inputs,
    });
  }
  return { entryNodeId: startNodeId, steps };
}
