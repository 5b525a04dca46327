import type { FieldType, ObjectDescriptor, RecordValues } from "../model/describe";
import { parseBoolean } from "../transforms/cast";
import { isoDate, isoDateTimeUtc, parseDateValue } from "../transforms/parse-date";

export interface NormalizeOptions {
  caseInsensitive?: boolean;
  /** Default true. */
  trimWhitespace?: boolean;
  collapseWhitespace?: boolean;
  /** Default true: '' and null are the same "no value". */
  emptyStringIsNull?: boolean;
}

export type FieldTypes = Record<string, FieldType>;

/** Field types of a described object, for typed normalization of its records. */
export function fieldTypesOf(descriptor: ObjectDescriptor): FieldTypes {
  return Object.fromEntries(descriptor.fields.map((f) => [f.name, f.type]));
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
// Untyped numeric text is only treated as a number without leading zeros: "01234" is a code.
const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const ISO_WITH_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/**
 * Canonical form of a decimal: a JS number when that is exact, else the minimal decimal text.
 * Postgres numeric arrives as "1.50", Salesforce as 1.5; both become 1.5. Decimals beyond
 * double precision stay text so two different large values never compare equal.
 */
export function canonicalDecimal(text: string): number | string | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) {
    const number = Number(text);
    return text.trim() !== "" && Number.isFinite(number) ? number : undefined;
  }
  const [, sign = "", whole = "0", fraction = ""] = match;
  const integer = whole.replace(/^0+(?=\d)/, "");
  const decimals = fraction.replace(/0+$/, "");
  const isZero = /^0*$/.test(integer + decimals);
  const canonical = `${sign === "-" && !isZero ? "-" : ""}${integer}${decimals ? `.${decimals}` : ""}`;
  const number = Number(canonical);
  return String(number) === canonical ? number : canonical;
}

function normalizeText(text: string, options: NormalizeOptions): string | null {
  let result = options.trimWhitespace === false ? text : text.trim();
  if (options.collapseWhitespace) result = result.replace(/\s+/g, " ");
  if (result === "" && options.emptyStringIsNull !== false) return null;
  return options.caseInsensitive ? result.toLowerCase() : result;
}

function normalizeTyped(value: unknown, type: FieldType): unknown {
  switch (type) {
    case "integer":
    case "number":
    case "decimal":
      if (typeof value === "number") return canonicalDecimal(String(value)) ?? value;
      if (typeof value === "string") return canonicalDecimal(value);
      return undefined;
    case "boolean":
      return parseBoolean(value);
    case "date": {
      const parts = parseDateValue(value);
      return parts ? isoDate(parts) : undefined;
    }
    case "datetime": {
      const parts = parseDateValue(value);
      return parts ? isoDateTimeUtc(parts) : undefined;
    }
    default:
      return undefined;
  }
}

/** Normalizes one value; `type` enables type-specific rules, falling back to generic ones. */
export function normalizeValue(
  value: unknown,
  type?: FieldType,
  options: NormalizeOptions = {},
): unknown {
  if (value === null || value === undefined) return null;
  if (type) {
    const typed = normalizeTyped(value, type);
    if (typed !== undefined) return typed;
  }
  if (typeof value === "number") return canonicalDecimal(String(value)) ?? value;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (PLAIN_DECIMAL.test(trimmed)) return canonicalDecimal(trimmed);
    if (ISO_WITH_TIME.test(trimmed)) {
      const parts = parseDateValue(trimmed);
      if (parts?.hasTime) return isoDateTimeUtc(parts);
    }
    return normalizeText(value, options);
  }
  if (Array.isArray(value)) return value.map((item) => normalizeValue(item, undefined, options));
  if (typeof value === "object") return normalizeRecord(Object.entries(value), undefined, options);
  return value;
}

function normalizeRecord(
  entries: [string, unknown][],
  fieldTypes: FieldTypes | undefined,
  options: NormalizeOptions,
): RecordValues {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const result: RecordValues = {};
  for (const [key, value] of sorted) {
    result[key] = normalizeValue(value, fieldTypes?.[key], options);
  }
  return result;
}

/**
 * A comparable form of a record: keys sorted, numbers, decimals, dates, booleans and whitespace
 * normalized, so "1.50" equals 1.5 and "2024-01-01T00:00:00Z" equals "2024-01-01T00:00:00.000Z".
 */
export function normalizeForCompare(
  values: RecordValues,
  fieldTypes?: FieldTypes,
  options: NormalizeOptions = {},
): RecordValues {
  return normalizeRecord(Object.entries(values), fieldTypes, options);
}
