import { type Direction, sourceSideOf, targetSideOf } from "../definitions/common";
import {
  findParentCycle,
  type ObjectPair,
  type SyncDefinition,
} from "../definitions/sync-definition";
import type { RecordValues } from "../model/describe";
import type { UnresolvedReference } from "../transforms/transform-result";
import { findObjectPair } from "./identity";

export class ObjectOrderError extends Error {
  override readonly name = "ObjectOrderError";
  constructor(readonly cycle: string[]) {
    super(`Object parents form a cycle: ${cycle.join(" -> ")}`);
  }
}

/**
 * Parents before children. Among objects with no dependency between them the declared order is
 * kept, so the run order is predictable. Unknown parent keys are ignored (the sync schema
 * reports them); a cycle throws.
 */
export function orderObjects<T extends Pick<ObjectPair, "key" | "parents">>(
  objects: readonly T[],
): T[] {
  const cycle = findParentCycle(objects);
  if (cycle) throw new ObjectOrderError(cycle);
  const known = new Set(objects.map((o) => o.key));
  const placed = new Set<string>();
  const ordered: T[] = [];
  while (ordered.length < objects.length) {
    const next = objects.find(
      (o) =>
        !placed.has(o.key) &&
        o.parents.every((p) => p.object === o.key || !known.has(p.object) || placed.has(p.object)),
    );
    // Unreachable after the cycle check; guards against an infinite loop all the same.
    if (!next)
      throw new ObjectOrderError(objects.filter((o) => !placed.has(o.key)).map((o) => o.key));
    placed.add(next.key);
    ordered.push(next);
  }
  return ordered;
}

export type ChildRecordPlan =
  | { status: "ready"; setFields: RecordValues }
  | { status: "deferred"; outcome: "deferred"; missing: UnresolvedReference[] };

export interface PlanChildRecordInput {
  sync: SyncDefinition;
  objectKey: string;
  direction: Direction;
  sourceRecord: RecordValues;
  /** Parent's source key to its target key, from the link table. */
  resolveReference: (parentObject: string, sourceKey: string) => string | undefined;
}

/**
 * Translates a child's parent references to target keys. If any parent is not linked yet the
 * child is deferred (retried after the parent syncs); it is never written orphaned.
 */
export function planChildRecord(input: PlanChildRecordInput): ChildRecordPlan {
  const pair = findObjectPair(input.sync, input.objectKey);
  const from = sourceSideOf(input.direction);
  const to = targetSideOf(input.direction);
  const setFields: RecordValues = {};
  const missing: UnresolvedReference[] = [];
  for (const parent of pair.parents) {
    const sourceField = from === "a" ? parent.fieldA : parent.fieldB;
    const targetField = to === "a" ? parent.fieldA : parent.fieldB;
    const raw = input.sourceRecord[sourceField];
    if (raw === null || raw === undefined || raw === "") {
      setFields[targetField] = null;
      continue;
    }
    const sourceKey = String(raw);
    const resolved = input.resolveReference(parent.object, sourceKey);
    if (resolved === undefined)
      missing.push({ field: targetField, object: parent.object, sourceKey });
    else setFields[targetField] = resolved;
  }
  return missing.length > 0
    ? { status: "deferred", outcome: "deferred", missing }
    : { status: "ready", setFields };
}
