import type { FieldDef } from "../schema/catalog";
import { type RecordError, recordError } from "../server/api-error";
import type { FieldValue } from "../store/record-store";
import { formatDatetime, parseDate, parseDatetime } from "./datetime-format";

// Converts one incoming JSON/CSV value to the stored representation of a field, enforcing the
// field's type, length, picklist and numeric range the way Salesforce reports them.

export type Coerced = { ok: true; value: FieldValue } | { ok: false; error: RecordError };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const fail = (code: string, message: string, field: FieldDef): Coerced => ({
  ok: false,
  error: recordError(code, message, [field.name]),
});

const wrongType = (field: FieldDef, raw: unknown): Coerced =>
  fail(
    "INVALID_TYPE_ON_FIELD_IN_RECORD",
    `${field.label}: value not of required type: ${describeRaw(raw)}`,
    field,
  );

function describeRaw(raw: unknown): string {
  return typeof raw === "string" ? raw : JSON.stringify(raw);
}

export function coerceFieldValue(field: FieldDef, raw: unknown): Coerced {
  if (raw === null || raw === undefined) {
    // Checkboxes have no null: clearing one unchecks it.
    return { ok: true, value: field.type === "boolean" ? false : null };
  }
  switch (field.type) {
    case "boolean":
      return coerceBoolean(field, raw);
    case "int":
    case "double":
    case "currency":
    case "percent":
      return coerceNumber(field, raw);
    case "date":
      return coerceDate(field, raw);
    case "datetime":
      return coerceDatetime(field, raw);
    default:
      return coerceText(field, raw);
  }
}

function coerceBoolean(field: FieldDef, raw: unknown): Coerced {
  if (typeof raw === "boolean") return { ok: true, value: raw };
  if (typeof raw === "string") {
    const lower = raw.trim().toLowerCase();
    if (lower === "true" || lower === "1") return { ok: true, value: true };
    if (lower === "false" || lower === "0" || lower === "") return { ok: true, value: false };
  }
  return wrongType(field, raw);
}

function coerceNumber(field: FieldDef, raw: unknown): Coerced {
  let n: number;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw))
    n = Number(raw);
  else return wrongType(field, raw);
  if (!Number.isFinite(n)) return wrongType(field, raw);
  if (field.type === "int") {
    if (!Number.isInteger(n)) return wrongType(field, raw);
    const maxDigits = field.digits || 9;
    if (Math.abs(n) >= 10 ** maxDigits) return outOfRange(field, raw);
    return { ok: true, value: n };
  }
  if (field.precision > 0) {
    // Salesforce rounds to the field's scale and rejects values with too many integer digits.
    const factor = 10 ** field.scale;
    n = Math.round(n * factor) / factor;
    if (Math.abs(n) >= 10 ** (field.precision - field.scale)) return outOfRange(field, raw);
  }
  return { ok: true, value: n };
}

const outOfRange = (field: FieldDef, raw: unknown): Coerced =>
  fail(
    "NUMBER_OUTSIDE_VALID_RANGE",
    `${field.label}: value outside of valid range on numeric field: ${describeRaw(raw)}`,
    field,
  );

function coerceDate(field: FieldDef, raw: unknown): Coerced {
  if (typeof raw !== "string") return wrongType(field, raw);
  const text = raw.trim();
  if (parseDate(text) !== undefined) return { ok: true, value: text };
  // A full datetime is accepted for a date field; its date part (UTC) is kept.
  const ms = parseDatetime(text);
  if (ms !== undefined) return { ok: true, value: new Date(ms).toISOString().slice(0, 10) };
  return wrongType(field, raw);
}

function coerceDatetime(field: FieldDef, raw: unknown): Coerced {
  if (typeof raw !== "string") return wrongType(field, raw);
  const text = raw.trim();
  const ms = parseDatetime(text) ?? parseDate(text);
  return ms === undefined ? wrongType(field, raw) : { ok: true, value: formatDatetime(ms) };
}

function coerceText(field: FieldDef, raw: unknown): Coerced {
  let text: string;
  if (typeof raw === "string") text = raw;
  else if (typeof raw === "number" || typeof raw === "boolean") text = String(raw);
  else return wrongType(field, raw);
  if (field.type === "reference" || field.type === "id") return { ok: true, value: text.trim() };
  if (text === "") return { ok: true, value: null };
  if (field.length > 0 && text.length > field.length) {
    const shown = text.length > 100 ? `${text.slice(0, 100)}...` : text;
    return fail(
      "STRING_TOO_LONG",
      `${field.label}: data value too large: ${shown} (max length=${field.length})`,
      field,
    );
  }
  if (field.type === "email" && !EMAIL.test(text)) {
    return fail("INVALID_EMAIL_ADDRESS", `${field.label}: invalid email address: ${text}`, field);
  }
  if (
    field.type === "picklist" &&
    field.restrictedPicklist &&
    !field.picklistValues.includes(text)
  ) {
    return fail(
      "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
      `${field.label}: bad value for restricted picklist field: ${text}`,
      field,
    );
  }
  return { ok: true, value: text };
}
