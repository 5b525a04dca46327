import type { RecordValues } from "../model/describe";
import { canonicalJson, fnv1a64 } from "./fingerprint";
import {
  type FieldTypes,
  type NormalizeOptions,
  normalizeForCompare,
  normalizeValue,
} from "./normalize";

/** Stable hash of a record's normalized values; what the link stores as "last synced". */
export function fingerprint(
  values: RecordValues,
  fieldTypes?: FieldTypes,
  options?: NormalizeOptions,
): string {
  return fnv1a64(canonicalJson(normalizeForCompare(values, fieldTypes, options)));
}

export interface CompareInput {
  /** The mapped payload Duplex would write. */
  mapped: RecordValues;
  /** The target record as it is now, or null when none was found. */
  targetCurrent: RecordValues | null;
  /** Fingerprint of what this direction last wrote for the record, from the link. */
  lastSyncedFingerprint?: string | null;
  ignoreFields?: readonly string[];
  fieldTypes?: FieldTypes;
  options?: NormalizeOptions;
}

export type CompareReason = "matches-target" | "matches-last-synced" | "changed" | "no-target";

export interface CompareResult {
  equal: boolean;
  reason: CompareReason;
  /** Compared fields whose normalized values differ from the target (all of them without one). */
  changedFields: string[];
  /** Fingerprint of the compared part of `mapped`; store it on the link after writing. */
  fingerprint: string;
}

/**
 * The loop breaker. Only the fields Duplex writes are compared (the target's other fields are not
 * ours to judge). A record is equal when it matches the target now, or when the payload is the
 * one this direction already wrote last time: then the source did not change these fields, and
 * any difference on the target is the target's own newer edit, which the other flow carries back.
 * One-way flows that must overwrite drift on the target should pass no fingerprint.
 */
export function compareToLastSynced(input: CompareInput): CompareResult {
  const ignored = new Set(input.ignoreFields ?? []);
  const fields = Object.keys(input.mapped)
    .filter((f) => !ignored.has(f))
    .sort();
  const compared: RecordValues = {};
  for (const field of fields) compared[field] = input.mapped[field];
  const print = fingerprint(compared, input.fieldTypes, input.options);

  const target = input.targetCurrent;
  const changedFields = target
    ? fields.filter((field) => {
        const type = input.fieldTypes?.[field];
        const mine = canonicalJson(normalizeValue(input.mapped[field], type, input.options));
        const theirs = canonicalJson(normalizeValue(target[field], type, input.options));
        return mine !== theirs;
      })
    : fields;

  if (target && changedFields.length === 0) {
    return { equal: true, reason: "matches-target", changedFields, fingerprint: print };
  }
  if (input.lastSyncedFingerprint && input.lastSyncedFingerprint === print) {
    return { equal: true, reason: "matches-last-synced", changedFields, fingerprint: print };
  }
  return {
    equal: false,
    reason: target ? "changed" : "no-target",
    changedFields,
    fingerprint: print,
  };
}

/** The record outcome a comparison decides: an equal payload is skipped, anything else goes on. */
export function compareOutcome(result: CompareResult): "skipped-equal" | null {
  return result.equal ? "skipped-equal" : null;
}
