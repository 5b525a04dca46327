import type { ProcedureMeta } from "../access/roles";
import { appRouter } from "../routers/index";

export interface ProcedureEntry {
  path: string;
  type: "query" | "mutation" | "subscription";
  meta: ProcedureMeta | undefined;
}

function isMeta(value: unknown): value is ProcedureMeta {
  return value !== null && typeof value === "object" && "role" in value && typeof value.role === "string";
}

/** Every procedure of `appRouter`, read from the router itself so new ones are covered automatically. */
export function listProcedures(): ProcedureEntry[] {
  return Object.entries(appRouter._def.procedures).map(([path, procedure]) => {
    const def: { type: ProcedureEntry["type"]; meta?: unknown } = procedure._def;
    return { path, type: def.type, meta: isMeta(def.meta) ? def.meta : undefined };
  });
}

/** Calls `path` on a caller by walking the nested caller object. */
export async function callProcedure(caller: unknown, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split(".")) {
    if ((typeof target !== "object" && typeof target !== "function") || target === null) {
      throw new Error(`no procedure ${path}`);
    }
    target = Reflect.get(target, part);
  }
  if (typeof target !== "function") throw new Error(`no procedure ${path}`);
  return target(input);
}
