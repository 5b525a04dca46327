/** Graph helpers over anything with node ids and source/target edges. */
export interface GraphLike {
  nodes: readonly { id: string }[];
  edges: readonly { source: string; target: string }[];
}

export class FlowCycleError extends Error {
  override readonly name = "FlowCycleError";
  constructor(readonly cycle: string[]) {
    super(`Flow has a cycle: ${cycle.join(" -> ")}`);
  }
}

function adjacency(graph: GraphLike): Map<string, string[]> {
  const next = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const edge of graph.edges) {
    if (next.has(edge.source) && next.has(edge.target)) next.get(edge.source)?.push(edge.target);
  }
  return next;
}

/** The first cycle found (first node repeated at the end), or null. Edges to unknown nodes are ignored. */
export function findCycle(graph: GraphLike): string[] | null {
  const next = adjacency(graph);
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === "done") return null;
    if (state.get(id) === "visiting") return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, "visiting");
    stack.push(id);
    for (const target of next.get(id) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const node of graph.nodes) {
    const cycle = visit(node.id);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * Node ids in execution order (every node after all its predecessors). Ties keep the order of
 * `nodes`, so the interpreter's order is stable across saves. Throws FlowCycleError on a cycle.
 */
export function topologicalOrder(graph: GraphLike): string[] {
  const next = adjacency(graph);
  const indegree = new Map(graph.nodes.map((n) => [n.id, 0]));
  for (const targets of next.values()) {
    for (const target of targets) indegree.set(target, (indegree.get(target) ?? 0) + 1);
  }
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < graph.nodes.length) {
    const ready = graph.nodes.find((n) => !done.has(n.id) && indegree.get(n.id) === 0);
    if (!ready) throw new FlowCycleError(findCycle(graph) ?? []);
    done.add(ready.id);
    order.push(ready.id);
    for (const target of next.get(ready.id) ?? []) {
      indegree.set(target, (indegree.get(target) ?? 0) - 1);
    }
  }
  return order;
}

/** Every node from which `id` can be reached (not including `id`). */
export function ancestorsOf(graph: GraphLike, id: string): Set<string> {
  const found = new Set<string>();
  const pending = [id];
  while (pending.length > 0) {
    const current = pending.pop();
    for (const edge of graph.edges) {
      if (edge.target === current && !found.has(edge.source)) {
        found.add(edge.source);
        pending.push(edge.source);
      }
    }
  }
  found.delete(id);
  return found;
}

/** Every node reachable from `id` (including `id`). */
export function reachableFrom(graph: GraphLike, id: string): Set<string> {
  const found = new Set<string>([id]);
  const pending = [id];
  while (pending.length > 0) {
    const current = pending.pop();
    for (const edge of graph.edges) {
      if (edge.source === current && !found.has(edge.target)) {
        found.add(edge.target);
        pending.push(edge.target);
      }
    }
  }
  return found;
}
