import type { RecordValues } from "@duplex/core";
import type { ConnectorErrorInfo } from "../types";
import { parseDate, parseDatetime } from "./datetime";
import type { SalesforceObject } from "./describe";
import { localRecordError } from "./errors";
import { mapFieldType, type SfField } from "./type-map";

/** A value as Salesforce takes it in JSON and CSV. */
export type SfValue = string | number | boolean | null;

/**
 * A record ready to send: field name → value. A key `Rel.Field` is a lookup set through the
 * parent's external ID (`Account.Duplex_Id__c`); JSON bodies nest it, CSV uses it as the column.
 */
export type SfRecord = Record<string, SfValue>;

export type CastResult = { ok: true; record: SfRecord } | { ok: false; error: ConnectorErrorInfo };

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

type Cast = { ok: true; value: SfValue } | { ok: false };
const ok = (value: SfValue): Cast => ({ ok: true, value });
const FAIL: Cast = { ok: false };

function castText(field: SfField, value: unknown): Cast {
  if (typeof value === "string") return ok(value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return ok(String(value));
  // Multi-select picklists travel as "A;B;C".
  if (
    field.type === "multipicklist" &&
    Array.isArray(value) &&
    value.every((v) => typeof v === "string")
  )
    return ok(value.join(";"));
  return FAIL;
}

function castNumber(value: unknown, integer: boolean): Cast {
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "bigint") n = Number(value);
  else if (typeof value === "string" && (integer ? INTEGER : NUMBER).test(value.trim()))
    n = Number(value.trim());
  else return FAIL;
  if (!Number.isFinite(n) || (integer && !Number.isSafeInteger(n))) return FAIL;
  return ok(n);
}

function castBoolean(value: unknown): Cast {
  if (typeof value === "boolean") return ok(value);
  if (value === 1 || value === 0) return ok(value === 1);
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true" || lower === "1") return ok(true);
    if (lower === "false" || lower === "0") return ok(false);
  }
  return FAIL;
}

function castDate(value: unknown): Cast {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? FAIL : ok(value.toISOString().slice(0, 10));
  if (typeof value !== "string") return FAIL;
  const text = value.trim();
  if (parseDate(text) !== undefined) return ok(text);
  // A full timestamp for a date field keeps its UTC day.
  const ms = parseDatetime(text);
  return ms === undefined ? FAIL : ok(new Date(ms).toISOString().slice(0, 10));
}

function castDatetime(value: unknown): Cast {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? FAIL : ok(value.toISOString());
  if (typeof value !== "string") return FAIL;
  const ms = parseDatetime(value.trim()) ?? parseDate(value.trim());
  return ms === undefined ? FAIL : ok(new Date(ms).toISOString());
}

function castValue(field: SfField, value: unknown): Cast {
  if (value === null) return ok(null);
  switch (mapFieldType(field.type)) {
    case "integer":
      return castNumber(value, true);
    case "number":
    case "decimal":
      return castNumber(value, false);
    case "boolean":
      return castBoolean(value);
    case "date":
      return castDate(value);
    case "datetime":
      return castDatetime(value);
    case "id":
      return typeof value === "string" && SALESFORCE_ID.test(value) ? ok(value) : FAIL;
    case "binary":
      if (value instanceof Uint8Array) return ok(Buffer.from(value).toString("base64"));
      return typeof value === "string" ? ok(value) : FAIL;
    default:
      return castText(field, value);
  }
}

function describeValue(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "bigint") return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Casts every value of `row` to its field's type from describe. A value that cannot be cast fails
 * the record (with the field named), never the batch. Reference values must be Salesforce Ids,
 * unless `externalIdFieldByObject` names an external-ID field of the referenced object: then the
 * value is sent as a lookup through that field and Salesforce resolves it.
 */
export function castRecord(
  object: SalesforceObject,
  row: RecordValues,
  externalIdFieldByObject: Readonly<Record<string, string>> = {},
): CastResult {
  const record: SfRecord = {};
  const objectName = object.descriptor.name;
  for (const [name, value] of Object.entries(row)) {
    if (value === undefined) continue;
    const field = object.field(name);
    if (field === undefined) {
      return {
        ok: false,
        error: localRecordError("INVALID_FIELD", `No such field ${objectName}.${name}`, [name]),
      };
    }
    const target = field.referenceTo.length === 1 ? field.referenceTo[0] : undefined;
    const viaExternalId = target === undefined ? undefined : externalIdFieldByObject[target];
    if (
      field.type === "reference" &&
      value !== null &&
      !(typeof value === "string" && SALESFORCE_ID.test(value))
    ) {
      const scalar =
        typeof value === "string" || typeof value === "number" ? String(value) : undefined;
      if (viaExternalId !== undefined && field.relationshipName && scalar !== undefined) {
        record[`${field.relationshipName}.${viaExternalId}`] = scalar;
        continue;
      }
      return {
        ok: false,
        error: localRecordError(
          "cast_failed",
          `${objectName}.${field.name}: ${describeValue(value)} is not a Salesforce Id${
            target
              ? ` (set externalIdFieldByObject.${target} to look ${target} up by an external ID)`
              : ""
          }`,
          [field.name],
        ),
      };
    }
    const cast = castValue(field, value);
    if (!cast.ok) {
      return {
        ok: false,
        error: localRecordError(
          "cast_failed",
          `${objectName}.${field.name}: cannot cast ${describeValue(value)} to ${field.type}`,
          [field.name],
        ),
      };
    }
    record[field.name] = cast.value;
  }
  return { ok: true, record };
}

/** The JSON body form of a record: `Rel.Field` keys become `{ Rel: { Field: value } }`. */
export function toJsonRecord(record: SfRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const dot = key.indexOf(".");
    if (dot < 0) out[key] = value;
    else out[key.slice(0, dot)] = { [key.slice(dot + 1)]: value };
  }
  return out;
}
