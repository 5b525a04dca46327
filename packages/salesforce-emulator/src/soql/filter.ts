import { normalizeId } from "../ids/salesforce-id";
import { parseDate, parseDatetime } from "../records/datetime-format";
import type { Catalog, ObjectDef } from "../schema/catalog";
import type { StoredRecord } from "../store/record-store";
import type { ComparisonOp, Condition, Literal } from "./ast";
import {
  type Comparable,
  compareNonNull,
  toComparable,
  type ValueKind,
  valueKind,
} from "./comparable";
import { type DateRange, dateLiteralRange } from "./date-literals";
import { type ParentCache, type ResolvedPath, resolvePath, valueAt } from "./field-paths";
import { soqlError } from "./soql-error";

// Compiles a WHERE tree into a predicate, type-checking literals against field types first so
// that bad filters fail the whole query (as in Salesforce) rather than silently matching nothing.

export type Predicate = (record: StoredRecord, parents: ParentCache) => boolean;

type Operand = { type: "value"; value: Comparable } | { type: "range"; range: DateRange };

export interface FilterContext {
  catalog: Catalog;
  root: ObjectDef;
  soql: string;
  now: number;
  /** Every path the filter reads, so the executor can prefetch parents. */
  paths: ResolvedPath[];
}

export function compileCondition(cond: Condition, ctx: FilterContext): Predicate {
  switch (cond.type) {
    case "and": {
      const parts = cond.items.map((c) => compileCondition(c, ctx));
      return (r, p) => parts.every((fn) => fn(r, p));
    }
    case "or": {
      const parts = cond.items.map((c) => compileCondition(c, ctx));
      return (r, p) => parts.some((fn) => fn(r, p));
    }
    case "not": {
      const inner = compileCondition(cond.item, ctx);
      return (r, p) => !inner(r, p);
    }
    case "compare": {
      const path = track(ctx, resolvePath(ctx.catalog, ctx.root, cond.field, ctx.soql));
      const kind = valueKind(path.field);
      const operand = compileLiteral(cond.value, kind, path, ctx);
      if (
        operand.type === "value" &&
        operand.value === null &&
        cond.op !== "=" &&
        cond.op !== "!="
      ) {
        throw soqlError(
          "MALFORMED_QUERY",
          ctx.soql,
          cond.value.pos,
          `null can only be compared with = or !=`,
        );
      }
      return (r, p) => applyOperator(cond.op, toComparable(kind, valueAt(r, path, p)), operand);
    }
    case "in": {
      const path = track(ctx, resolvePath(ctx.catalog, ctx.root, cond.field, ctx.soql));
      const kind = valueKind(path.field);
      const operands = cond.values.map((v) => compileLiteral(v, kind, path, ctx));
      return (r, p) => {
        const value = toComparable(kind, valueAt(r, path, p));
        const hit = operands.some((o) => applyOperator("=", value, o));
        return cond.negated ? !hit : hit;
      };
    }
    case "like": {
      const path = track(ctx, resolvePath(ctx.catalog, ctx.root, cond.field, ctx.soql));
      if (
        cond.pattern.kind !== "string" ||
        valueKind(path.field) === "number" ||
        valueKind(path.field) === "boolean"
      ) {
        throw soqlError(
          "INVALID_QUERY_FILTER_OPERATOR",
          ctx.soql,
          cond.field.pos,
          `invalid operator on field: ${path.field.name}`,
        );
      }
      const re = likeToRegExp(cond.pattern.value);
      return (r, p) => {
        const value = valueAt(r, path, p);
        return value !== null && re.test(String(value));
      };
    }
  }
}

function track(ctx: FilterContext, path: ResolvedPath): ResolvedPath {
  ctx.paths.push(path);
  return path;
}

function applyOperator(op: ComparisonOp, value: Comparable, operand: Operand): boolean {
  if (operand.type === "range") {
    if (value === null || typeof value !== "number") return op === "!=";
    const { start, end } = operand.range;
    switch (op) {
      case "=":
        return value >= start && value < end;
      case "!=":
        return value < start || value >= end;
      case "<":
        return value < start;
      case "<=":
        return value < end;
      case ">":
        return value >= end;
      case ">=":
        return value >= start;
    }
  }
  const target = operand.value;
  // SOQL treats null as an ordinary value for = and != (unlike SQL), and never matches ranges.
  if (op === "=") return value === target;
  if (op === "!=") return value !== target;
  if (value === null || target === null) return false;
  const c = compareNonNull(value, target);
  return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
}

function compileLiteral(
  lit: Literal,
  kind: ValueKind,
  path: ResolvedPath,
  ctx: FilterContext,
): Operand {
  if (lit.kind === "null") return { type: "value", value: null };
  const mismatch = (expected: string) =>
    soqlError(
      "INVALID_QUERY_FILTER_OPERATOR",
      ctx.soql,
      lit.pos,
      `value of filter criterion for field '${path.field.name}' must be of type ${expected}`,
    );
  switch (kind) {
    case "text":
      if (lit.kind !== "string") throw mismatch("string and should be enclosed in quotes");
      return { type: "value", value: lit.value.toLowerCase() };
    case "id": {
      if (lit.kind !== "string") throw mismatch("id and should be enclosed in quotes");
      const id = normalizeId(lit.value);
      if (!id)
        throw soqlError(
          "INVALID_QUERY_FILTER_OPERATOR",
          ctx.soql,
          lit.pos,
          `invalid ID field: ${lit.value}`,
        );
      return { type: "value", value: id };
    }
    case "number":
      if (lit.kind !== "number") throw mismatch("number and should not be enclosed in quotes");
      return { type: "value", value: lit.value };
    case "boolean":
      if (lit.kind !== "boolean") throw mismatch("boolean and should not be enclosed in quotes");
      return { type: "value", value: lit.value };
    case "date":
    case "datetime": {
      if (lit.kind === "dateLiteral") {
        const range = dateLiteralRange(lit.name, lit.n, ctx.now);
        if (!range)
          throw soqlError("MALFORMED_QUERY", ctx.soql, lit.pos, `unexpected token: '${lit.name}'`);
        return { type: "range", range };
      }
      const ms =
        kind === "date" && lit.kind === "date"
          ? parseDate(lit.value)
          : kind === "datetime" && lit.kind === "datetime"
            ? parseDatetime(lit.value)
            : undefined;
      if (ms === undefined)
        throw mismatch(
          kind === "date"
            ? "date and should not be enclosed in quotes"
            : "dateTime and should not be enclosed in quotes",
        );
      return { type: "value", value: ms };
    }
  }
}

function likeToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === "\\" && (pattern.charAt(i + 1) === "%" || pattern.charAt(i + 1) === "_")) {
      source += escapeRegExp(pattern.charAt(i + 1));
      i++;
    } else if (ch === "%") source += "[\\s\\S]*";
    else if (ch === "_") source += "[\\s\\S]";
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, "i");
}

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
