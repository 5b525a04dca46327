import type { Catalog, ObjectDef } from "../schema/catalog";
import type { FieldValue, RecordStore, StoredRecord } from "../store/record-store";
import { compareNonNull, toComparable, valueKind } from "./comparable";
import { type ParentCache, type ResolvedPath, recordAt, resolvePath, valueAt } from "./field-paths";
import { compileCondition, type FilterContext } from "./filter";
import { parseSoql } from "./parser";
import { soqlError } from "./soql-error";

// Runs a parsed query against the store: scan, prefetch parents for relationship paths,
// filter, sort, offset/limit, project into REST-shaped records.

export interface QueryRecord {
  attributes: { type: string; url: string };
  [field: string]: unknown;
}

export interface QueryOutcome {
  object: ObjectDef;
  count: boolean;
  totalSize: number;
  records: QueryRecord[];
  /** Selected paths in select order, for CSV output ("Account.Name"). */
  columns: ResolvedPath[];
}

export interface QueryDeps {
  store: RecordStore;
  catalog: Catalog;
  apiVersion: string;
  now: number;
}

export function recordUrl(apiVersion: string, object: string, id: string): string {
  return `/services/data/v${apiVersion}/sobjects/${object}/${id}`;
}

export async function runSoql(
  deps: QueryDeps,
  soql: string,
  includeDeleted: boolean,
): Promise<QueryOutcome> {
  const query = parseSoql(soql);
  const root = deps.catalog.object(query.object);
  if (!root) {
    throw soqlError(
      "INVALID_TYPE",
      soql,
      query.objectPos,
      `sObject type '${query.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  const columns = query.fields.map((f) => resolvePath(deps.catalog, root, f, soql));
  const seen = new Set<string>();
  for (const [i, c] of columns.entries()) {
    const key = c.names.join(".").toLowerCase();
    if (seen.has(key))
      throw soqlError(
        "MALFORMED_QUERY",
        soql,
        query.fields[i]?.pos ?? 0,
        `duplicate field selected: ${c.names.join(".")}`,
      );
    seen.add(key);
  }
  const ctx: FilterContext = { catalog: deps.catalog, root, soql, now: deps.now, paths: [] };
  const predicate = query.where ? compileCondition(query.where, ctx) : null;
  const order = query.orderBy.map((o) => ({
    ...o,
    path: resolvePath(deps.catalog, root, o.field, soql),
  }));

  let rows = (await deps.store.listRecords(root.name)).filter(
    (r) => includeDeleted || r.deletedDate === null,
  );
  const parents: ParentCache = new Map();
  await prefetchParents(
    deps.store,
    rows,
    [...columns, ...ctx.paths, ...order.map((o) => o.path)],
    parents,
  );
  if (predicate) rows = rows.filter((r) => predicate(r, parents));
  if (order.length > 0) {
    const keyed = rows.map((r) => ({
      r,
      keys: order.map((o) => toComparable(valueKind(o.path.field), valueAt(r, o.path, parents))),
    }));
    keyed.sort((a, b) => {
      for (const [i, o] of order.entries()) {
        const x = a.keys[i] ?? null;
        const y = b.keys[i] ?? null;
        if (x === y) continue;
        if (x === null) return o.nullsLast ? 1 : -1;
        if (y === null) return o.nullsLast ? -1 : 1;
        const c = compareNonNull(x, y);
        if (c !== 0) return o.descending ? -c : c;
      }
      return 0;
    });
    rows = keyed.map((k) => k.r);
  }
  const offset = query.offset ?? 0;
  rows = rows.slice(offset, query.limit === null ? undefined : offset + query.limit);
  if (query.count)
    return { object: root, count: true, totalSize: rows.length, records: [], columns };
  const records = rows.map((r) => project(deps.apiVersion, root, r, columns, parents));
  return { object: root, count: false, totalSize: records.length, records, columns };
}

async function prefetchParents(
  store: RecordStore,
  rows: StoredRecord[],
  paths: ResolvedPath[],
  cache: ParentCache,
) {
  for (const path of paths) {
    let level: StoredRecord[] = rows;
    for (const hop of path.hops) {
      let known = cache.get(hop.target.name);
      if (!known) {
        known = new Map();
        cache.set(hop.target.name, known);
      }
      const wanted = new Set<string>();
      for (const r of level) {
        const id = r.fields[hop.field.name];
        if (typeof id === "string" && !known.has(id)) wanted.add(id);
      }
      if (wanted.size > 0) {
        for (const parent of await store.getRecords(hop.target.name, [...wanted]))
          known.set(parent.id, parent);
      }
      const next: StoredRecord[] = [];
      for (const r of level) {
        const id = r.fields[hop.field.name];
        const parent = typeof id === "string" ? known.get(id) : undefined;
        if (parent) next.push(parent);
      }
      level = next;
    }
  }
}

function project(
  apiVersion: string,
  root: ObjectDef,
  record: StoredRecord,
  columns: ResolvedPath[],
  parents: ParentCache,
): QueryRecord {
  const out: QueryRecord = {
    attributes: { type: root.name, url: recordUrl(apiVersion, root.name, record.id) },
  };
  for (const column of columns) {
    let node: Record<string, unknown> = out;
    let complete = true;
    for (const [i, hop] of column.hops.entries()) {
      const key = column.names[i] ?? hop.field.name;
      if (!(key in node)) {
        const parent = recordAt(record, column.hops.slice(0, i + 1), parents);
        node[key] = parent
          ? {
              attributes: {
                type: hop.target.name,
                url: recordUrl(apiVersion, hop.target.name, parent.id),
              },
            }
          : null;
      }
      const child = node[key];
      if (!isObject(child)) {
        complete = false;
        break;
      }
      node = child;
    }
    if (complete) node[column.field.name] = valueAt(record, column, parents) satisfies FieldValue;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
