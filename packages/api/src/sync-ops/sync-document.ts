import {
  type FlowDefinition,
  flowDefinitionSchema,
  type Problem,
  type SyncDefinition,
  syncDefinitionSchema,
  validateFlow,
} from "@duplex/core";
import { z } from "zod";

/**
 * The definition document `duplex sync apply` reads: a sync definition whose connectionA and
 * connectionB are connection NAMES (ids differ between installations, names travel), plus one
 * flow definition per direction. Pure (zod and @duplex/core only), so the CLI validates locally
 * with exactly the rules the server applies.
 */
export const directions = ["a-to-b", "b-to-a"] as const;
export type DocumentDirection = (typeof directions)[number];

export const syncDocumentSchema = z.object({
  sync: z.unknown(),
  flows: z
    .object({ "a-to-b": z.unknown().optional(), "b-to-a": z.unknown().optional() })
    .strict()
    .refine((f) => f["a-to-b"] !== undefined || f["b-to-a"] !== undefined, {
      message: "Define at least one flow: a-to-b or b-to-a.",
    }),
});

export interface DocumentProblem {
  /** JSON path into the document, e.g. ["flows", "a-to-b", "nodes", 2, "config", "object"]. */
  path: (string | number)[];
  message: string;
}

export interface ValidDocument {
  sync: SyncDefinition;
  flows: Partial<Record<DocumentDirection, FlowDefinition>>;
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    "",
  );
}

function zodProblems(error: z.ZodError, prefix: (string | number)[]): DocumentProblem[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))],
    message: issue.message,
  }));
}

/** Where a flow problem points: into the node or edge it names, else the flow itself. */
function flowProblemPath(flow: unknown, problem: Problem, prefix: (string | number)[]) {
  const parsed = z
    .object({
      nodes: z.array(z.object({ id: z.unknown() }).loose()).catch([]),
      edges: z.array(z.object({ id: z.unknown() }).loose()).catch([]),
    })
    .catch({ nodes: [], edges: [] })
    .parse(flow);
  const rest = problem.path ?? [];
  if (problem.nodeId !== undefined) {
    const index = parsed.nodes.findIndex((n) => n.id === problem.nodeId);
    if (index >= 0) return [...prefix, "nodes", index, ...rest];
  }
  if (problem.edgeId !== undefined) {
    const index = parsed.edges.findIndex((e) => e.id === problem.edgeId);
    if (index >= 0) return [...prefix, "edges", index, ...rest];
  }
  return [...prefix, ...rest];
}

/** Every problem of the document (errors only; warnings do not block), each with its JSON path. */
export function checkSyncDocument(
  input: unknown,
): { ok: true; document: ValidDocument } | { ok: false; problems: DocumentProblem[] } {
  const shape = syncDocumentSchema.safeParse(input);
  if (!shape.success) return { ok: false, problems: zodProblems(shape.error, []) };
  const problems: DocumentProblem[] = [];
  const sync = syncDefinitionSchema.safeParse(shape.data.sync);
  if (!sync.success) problems.push(...zodProblems(sync.error, ["sync"]));
  const present = directions.filter((d) => shape.data.flows[d] !== undefined);
  const flows: ValidDocument["flows"] = {};
  for (const direction of present) {
    const raw = shape.data.flows[direction];
    const prefix = ["flows", direction];
    const found = validateFlow(raw, {
      ...(sync.success ? { sync: sync.data } : {}),
      twoWay: present.length > 1,
    }).filter((p) => p.severity === "error");
    problems.push(
      ...found.map((p) => ({ path: flowProblemPath(raw, p, prefix), message: p.message })),
    );
    const parsed = flowDefinitionSchema.safeParse(raw);
    if (parsed.success && parsed.data.direction !== direction) {
      problems.push({
        path: [...prefix, "direction"],
        message: `This flow is listed under "${direction}" but says "${parsed.data.direction}".`,
      });
    } else if (parsed.success) {
      flows[direction] = parsed.data;
    } else if (found.length === 0) {
      problems.push(...zodProblems(parsed.error, prefix));
    }
  }
  if (problems.length > 0 || !sync.success) return { ok: false, problems };
  return { ok: true, document: { sync: sync.data, flows } };
}
