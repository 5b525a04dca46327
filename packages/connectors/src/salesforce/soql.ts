import { ConnectorError } from "../types";
import { parseDate, parseDatetime } from "./datetime";
import type { SalesforceObject } from "./describe";
import { mapFieldType } from "./type-map";

/*
 * A tiny SOQL builder. Nothing a user supplies is concatenated into a query: names are checked
 * against a strict pattern *and* against the object's describe, and values become literals through
 * typed escapers. SOQL has no bind parameters over REST, so this is the only safe way to build one.
 */

/** Field and object API names (`Name`, `Invoice__c`, `Account__r`). */
export const API_NAME = /^[A-Za-z_][A-Za-z0-9_]*(__c|__r)?$/;

/**
 * A SOQL string literal. Escapes are the documented ones: \\ \' \" \n \r \t \b \f. Every other
 * character, including LIKE's % and _, means itself outside LIKE, so it passes through unchanged.
 */
export function soqlString(value: string): string {
  let out = "'";
  for (const ch of value) {
    switch (ch) {
      case "\\":
        out += "\\\\";
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      case "\b":
        out += "\\b";
        break;
      case "\f":
        out += "\\f";
        break;
      default:
        out += ch;
    }
  }
  return `${out}'`;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function badValue(field: string, type: string, value: unknown): ConnectorError {
  return new ConnectorError(
    `${JSON.stringify(value)} is not a valid ${type} value for ${field}`,
    "invalid_value",
    false,
  );
}

/** A literal for `value` compared against `fieldName`, typed by the field's Salesforce type. */
export function soqlLiteral(object: SalesforceObject, fieldName: string, value: unknown): string {
  const field = object.field(fieldName);
  if (field === undefined) throw unknownField(object, fieldName);
  if (value === null) return "null";
  const type = mapFieldType(field.type);
  const text = typeof value === "string" ? value.trim() : value;
  switch (type) {
    case "integer":
    case "number":
    case "decimal": {
      const n =
        typeof text === "number"
          ? text
          : typeof text === "string" && NUMBER.test(text)
            ? Number(text)
            : Number.NaN;
      if (!Number.isFinite(n) || (type === "integer" && !Number.isInteger(n)))
        throw badValue(field.name, type, value);
      return String(n);
    }
    case "boolean":
      if (text === true || text === "true") return "true";
      if (text === false || text === "false") return "false";
      throw badValue(field.name, type, value);
    case "date":
      if (typeof text === "string" && parseDate(text) !== undefined) return text;
      throw badValue(field.name, type, value);
    case "datetime": {
      const ms = typeof text === "string" ? parseDatetime(text) : undefined;
      if (ms === undefined) throw badValue(field.name, type, value);
      return new Date(ms).toISOString();
    }
    default:
      if (typeof value === "string") return soqlString(value);
      if (typeof value === "number" || typeof value === "boolean") return soqlString(String(value));
      throw badValue(field.name, type, value);
  }
}

function unknownField(object: SalesforceObject, name: string): ConnectorError {
  return new ConnectorError(
    `object "${object.descriptor.name}" has no field "${name}"`,
    "unknown_field",
    false,
  );
}

/** The field's canonical API name, after checking the pattern and the describe. */
export function fieldName(object: SalesforceObject, name: string): string {
  const field = API_NAME.test(name) ? object.field(name) : undefined;
  if (field === undefined) throw unknownField(object, name);
  return field.name;
}

export type ComparisonOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type Condition =
  | { kind: "compare"; field: string; op: ComparisonOp; value: unknown }
  | { kind: "in"; field: string; values: readonly unknown[] }
  | { kind: "and" | "or"; items: readonly Condition[] };

export const where = {
  compare: (field: string, op: ComparisonOp, value: unknown): Condition => ({
    kind: "compare",
    field,
    op,
    value,
  }),
  in: (field: string, values: readonly unknown[]): Condition => ({ kind: "in", field, values }),
  and: (...items: Condition[]): Condition => ({ kind: "and", items }),
  or: (...items: Condition[]): Condition => ({ kind: "or", items }),
};

function condition(object: SalesforceObject, c: Condition): string {
  switch (c.kind) {
    case "compare":
      return `${fieldName(object, c.field)} ${c.op} ${soqlLiteral(object, c.field, c.value)}`;
    case "in": {
      if (c.values.length === 0)
        throw new ConnectorError("IN needs at least one value", "invalid_query", false);
      const values = c.values.map((v) => soqlLiteral(object, c.field, v));
      return `${fieldName(object, c.field)} IN (${values.join(", ")})`;
    }
    case "and":
    case "or":
      // Always parenthesized: SOQL refuses AND and OR mixed at one level.
      return `(${c.items.map((item) => condition(object, item)).join(` ${c.kind.toUpperCase()} `)})`;
  }
}

export interface SelectSpec {
  fields: readonly string[];
  where?: Condition;
  orderBy?: readonly string[];
  limit?: number;
}

export function selectSoql(object: SalesforceObject, spec: SelectSpec): string {
  const name = object.descriptor.name;
  if (!API_NAME.test(name))
    throw new ConnectorError(`"${name}" is not a Salesforce object name`, "unknown_object", false);
  const fields = spec.fields.map((f) => fieldName(object, f));
  let soql = `SELECT ${fields.join(", ")} FROM ${name}`;
  if (spec.where) soql += ` WHERE ${condition(object, spec.where)}`;
  if (spec.orderBy && spec.orderBy.length > 0)
    soql += ` ORDER BY ${spec.orderBy.map((f) => fieldName(object, f)).join(", ")}`;
  if (spec.limit !== undefined) {
    if (!Number.isSafeInteger(spec.limit) || spec.limit < 0)
      throw new ConnectorError(`invalid LIMIT ${spec.limit}`, "invalid_query", false);
    soql += ` LIMIT ${spec.limit}`;
  }
  return soql;
}
