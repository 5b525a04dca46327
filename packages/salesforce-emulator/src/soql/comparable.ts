import { normalizeId } from "../ids/salesforce-id";
import { parseDate, parseDatetime } from "../records/datetime-format";
import type { FieldDef } from "../schema/catalog";
import type { FieldValue } from "../store/record-store";

// A field value reduced to something directly comparable: lowercased text (SOQL string
// comparison is case-insensitive), canonical 18-char IDs, numbers, booleans, or epoch ms.

export type Comparable = string | number | boolean | null;

export type ValueKind = "text" | "id" | "number" | "boolean" | "date" | "datetime";

export function valueKind(field: FieldDef): ValueKind {
  switch (field.type) {
    case "id":
    case "reference":
      return "id";
    case "int":
    case "double":
    case "currency":
    case "percent":
      return "number";
    case "boolean":
      return "boolean";
    case "date":
      return "date";
    case "datetime":
      return "datetime";
    default:
      return "text";
  }
}

export function toComparable(kind: ValueKind, value: FieldValue): Comparable {
  if (value === null) return null;
  switch (kind) {
    case "text":
      return String(value).toLowerCase();
    case "id":
      return normalizeId(String(value)) ?? String(value);
    case "date":
      return parseDate(String(value)) ?? null;
    case "datetime":
      return parseDatetime(String(value)) ?? null;
    default:
      return value;
  }
}

/** Total order used by ORDER BY and range operators; callers handle nulls. */
export function compareNonNull(a: Exclude<Comparable, null>, b: Exclude<Comparable, null>): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
