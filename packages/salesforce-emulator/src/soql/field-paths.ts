import type { Catalog, FieldDef, ObjectDef } from "../schema/catalog";
import type { FieldValue, StoredRecord } from "../store/record-store";
import type { FieldRef } from "./ast";
import { soqlError } from "./soql-error";

// Resolves dotted SOQL field paths (Name, Account.Name, Account__r.Owner.Name) against the
// catalog, and reads them from records given a cache of already-fetched parent records.

export interface Hop {
  field: FieldDef;
  target: ObjectDef;
}

export interface ResolvedPath {
  hops: Hop[];
  field: FieldDef;
  /** Canonical API-name spelling, e.g. ["Account", "Name"]. */
  names: string[];
}

/** objectName -> id -> record */
export type ParentCache = Map<string, Map<string, StoredRecord>>;

export function resolvePath(
  catalog: Catalog,
  root: ObjectDef,
  ref: FieldRef,
  soql: string,
): ResolvedPath {
  let path = ref.path;
  // "SELECT Account.Name FROM Account" qualifies fields with the object name itself.
  const head = path[0];
  if (
    path.length > 1 &&
    head &&
    head.toLowerCase() === root.name.toLowerCase() &&
    !root.fieldByLowerRelationship.has(head.toLowerCase())
  ) {
    path = path.slice(1);
  }
  const hops: Hop[] = [];
  const names: string[] = [];
  let current = root;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (last) {
      const field = current.fieldByLowerName.get(segment.toLowerCase());
      if (!field) {
        throw soqlError(
          "INVALID_FIELD",
          soql,
          ref.pos,
          `No such column '${segment}' on entity '${current.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
        );
      }
      names.push(field.name);
      return { hops, field, names };
    }
    const rel = current.fieldByLowerRelationship.get(segment.toLowerCase());
    const target = rel ? catalog.object(rel.referenceTo[0] ?? "") : undefined;
    if (!rel || !target || !rel.relationshipName) {
      throw soqlError(
        "INVALID_FIELD",
        soql,
        ref.pos,
        `Didn't understand relationship '${segment}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    hops.push({ field: rel, target });
    names.push(rel.relationshipName);
    current = target;
  }
  throw soqlError("MALFORMED_QUERY", soql, ref.pos, "empty field path");
}

/** The record at the end of the hops (the root for plain fields), or null if a lookup is empty. */
export function recordAt(
  record: StoredRecord,
  hops: readonly Hop[],
  parents: ParentCache,
): StoredRecord | null {
  let current: StoredRecord | null = record;
  for (const hop of hops) {
    if (!current) return null;
    const id: FieldValue | undefined = current.fields[hop.field.name];
    current = typeof id === "string" ? (parents.get(hop.target.name)?.get(id) ?? null) : null;
  }
  return current;
}

export function valueAt(
  record: StoredRecord,
  path: ResolvedPath,
  parents: ParentCache,
): FieldValue {
  return recordAt(record, path.hops, parents)?.fields[path.field.name] ?? null;
}
