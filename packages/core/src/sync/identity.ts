import {
  type Direction,
  otherSide,
  type Side,
  sourceSideOf,
  targetSideOf,
} from "../definitions/common";
import { type ObjectPair, pairField, type SyncDefinition } from "../definitions/sync-definition";
import type { RecordValues } from "../model/describe";

/** A link row's two keys, as the engine loads them for a batch. */
export interface LinkIds {
  idA: string | null;
  idB: string | null;
}

export interface IdentityMatch {
  field: string;
  value: string;
}

/** After a write into the SOR, the non-SOR source record must learn the SOR key. */
export interface WriteBackPlan {
  side: Side;
  /** The system object name on that side. */
  object: string;
  /** Primary key field of the record to update, and its value (the source record's key). */
  keyField: string;
  key: string;
  /** External-ID field that receives the SOR key. */
  field: string;
  /** The SOR key when already known; null means "the key the insert returns". */
  value: string | null;
}

export type IdentityPlan =
  | {
      action: "write";
      operation: "insert" | "update" | "upsert";
      /** Where the target record is matched; null for an insert. */
      match: IdentityMatch | null;
      /** Identity fields to merge into the mapped payload. */
      setFields: RecordValues;
      writeBack: WriteBackPlan | null;
    }
  | { action: "delete"; match: IdentityMatch }
  | { action: "skip"; outcome: "skipped-no-external-id"; reason: string };

export interface PlanIdentityInput {
  sync: SyncDefinition;
  objectKey: string;
  direction: Direction;
  op?: "upsert" | "delete";
  /** The source record's primary key. */
  sourceKey: string;
  /** Current values (upsert) or last known values (delete, may be null). */
  sourceRecord: RecordValues | null;
  link: LinkIds | null;
  /** Described primary keys, used when the object pair does not name keyFieldA/B. */
  primaryKeys?: { a?: string; b?: string };
}

export class IdentityConfigError extends Error {
  override readonly name = "IdentityConfigError";
}

export function findObjectPair(sync: SyncDefinition, objectKey: string): ObjectPair {
  const pair = sync.objects.find((o) => o.key === objectKey);
  if (!pair) throw new IdentityConfigError(`Sync '${sync.name}' has no object '${objectKey}'`);
  return pair;
}

/** Identifiers may be numbers in the source (integer keys); they travel as strings. */
export function keyText(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return null;
}

function required(pair: ObjectPair, kind: "externalIdField", side: Side): string {
  const field = pairField(pair, kind, side);
  if (!field) throw new IdentityConfigError(`Object '${pair.key}' has no ${kind} on side ${side}`);
  return field;
}

function keyField(pair: ObjectPair, side: Side, input: PlanIdentityInput): string {
  const field = pairField(pair, "keyField", side) ?? input.primaryKeys?.[side];
  if (!field)
    throw new IdentityConfigError(`Object '${pair.key}' has no key field on side ${side}`);
  return field;
}

const linkId = (link: LinkIds | null, side: Side) => (side === "a" ? link?.idA : link?.idB) ?? null;

/**
 * Decides how a source record is matched on the target (seed 000's rules).
 *
 * SOR mode: the SOR key is the identity; the non-SOR side keeps it in its external-ID field.
 * - SOR → other: upsert matched on the other side's external-ID field, which is set to the SOR key.
 * - other → SOR, external ID known: update the SOR record by its primary key.
 * - other → SOR, no external ID: insert into the SOR, then write the new key back. A link that
 *   already knows the SOR key (an earlier write-back failed) turns this into update + repair.
 *   When the record's external ID and the link disagree, the record wins: it is what users see.
 * External-ID mode: both sides carry the shared ID; a record without one is not synced.
 */
export function planIdentity(input: PlanIdentityInput): IdentityPlan {
  const pair = findObjectPair(input.sync, input.objectKey);
  const from = sourceSideOf(input.direction);
  const to = targetSideOf(input.direction);
  const op = input.op ?? "upsert";
  const record = input.sourceRecord ?? {};
  const { mode } = input.sync;

  if (mode.type === "sor" && mode.side === from) {
    const field = required(pair, "externalIdField", to);
    const match = { field, value: input.sourceKey };
    if (op === "delete") return { action: "delete", match };
    return {
      action: "write",
      operation: "upsert",
      match,
      setFields: { [field]: input.sourceKey },
      writeBack: null,
    };
  }

  if (mode.type === "sor") {
    const extField = required(pair, "externalIdField", from);
    const recorded = keyText(record[extField]);
    const sorKey = recorded ?? linkId(input.link, to);
    if (op === "delete") {
      if (!sorKey) return skip(`deleted record was never linked to the SOR (${extField} empty)`);
      return { action: "delete", match: { field: keyField(pair, to, input), value: sorKey } };
    }
    const writeBack = (value: string | null): WriteBackPlan => ({
      side: from,
      object: from === "a" ? pair.objectA : pair.objectB,
      keyField: keyField(pair, from, input),
      key: input.sourceKey,
      field: extField,
      value,
    });
    if (!sorKey) {
      return {
        action: "write",
        operation: "insert",
        match: null,
        setFields: {},
        writeBack: writeBack(null),
      };
    }
    return {
      action: "write",
      operation: "update",
      match: { field: keyField(pair, to, input), value: sorKey },
      setFields: {},
      writeBack: recorded === sorKey ? null : writeBack(sorKey),
    };
  }

  const sourceField = required(pair, "externalIdField", from);
  const targetField = required(pair, "externalIdField", to);
  const externalId = keyText(record[sourceField]);
  if (op === "delete") {
    if (externalId) return { action: "delete", match: { field: targetField, value: externalId } };
    const linked = linkId(input.link, to);
    if (linked)
      return { action: "delete", match: { field: keyField(pair, to, input), value: linked } };
    return skip(`deleted record has no ${sourceField} and no link`);
  }
  if (!externalId) return skip(`${sourceField} is empty; the record syncs once it is set`);
  return {
    action: "write",
    operation: "upsert",
    match: { field: targetField, value: externalId },
    setFields: { [targetField]: externalId },
    writeBack: null,
  };
}

function skip(reason: string): IdentityPlan {
  return { action: "skip", outcome: "skipped-no-external-id", reason };
}

/** The side whose primary key is the identity, or null in external-ID mode. */
export function sorSideOf(sync: SyncDefinition): Side | null {
  return sync.mode.type === "sor" ? sync.mode.side : null;
}

/** Whether this direction writes into the SOR (and so needs a write-back node). */
export function writesIntoSor(sync: SyncDefinition, direction: Direction): boolean {
  return sync.mode.type === "sor" && otherSide(sourceSideOf(direction)) === sync.mode.side;
}
