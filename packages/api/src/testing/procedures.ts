import type { ProcedureMeta } from "../access/roles";
import { appRouter } from "../routers/index";

export interface ProcedureEntry {
  path: string;
  type: "query" | "mutation" | "subscription";
  meta: ProcedureMeta | undefined;
}

function isMeta(value: unknown): value is ProcedureMeta {
  return (
    value !== null && typeof value === "object" && "role" in value && typeof value.role === "string"
  );
}

function definitionOf(procedure: unknown): { type: ProcedureEntry["type"]; meta: unknown } | null {
  if (typeof procedure !== "function" && (typeof procedure !== "object" || procedure === null))
    return null;
  const def: unknown = Reflect.get(procedure, "_def");
  if (typeof def !== "object" || def === null) return null;
  const type: unknown = Reflect.get(def, "type");
  if (type !== "query" && type !== "mutation" && type !== "subscription") return null;
  return { type, meta: Reflect.get(def, "meta") };
}

/** Every procedure of `appRouter`, read from the router itself so new ones are covered automatically. */
export function listProcedures(): ProcedureEntry[] {
  const procedures: Record<string, unknown> = appRouter._def.procedures;
  return Object.entries(procedures).flatMap(([path, procedure]) => {
    const def = definitionOf(procedure);
    return def ? [{ path, type: def.type, meta: isMeta(def.meta) ? def.meta : undefined }] : [];
  });
}

/** Calls `path` on a caller by walking the nested caller object. */
export async function callProcedure(
  caller: unknown,
  path: string,
  input: unknown,
): Promise<unknown> {
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
