import type { CastTarget } from "../definitions/transform";
import { isoDate, isoDateTimeUtc, parseDateValue } from "./parse-date";
import { parseLocaleNumber } from "./parse-number";
import { describeValue, TransformStepError } from "./transform-result";

const TRUE_WORDS = new Set(["true", "t", "yes", "y", "1", "on"]);
const FALSE_WORDS = new Set(["false", "f", "no", "n", "0", "off"]);

export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== "string") return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

function fail(value: unknown, to: CastTarget, hint = ""): never {
  throw new TransformStepError(
    "cast-failed",
    `cannot cast ${describeValue(value)} to ${to}${hint}`,
  );
}

function toNumber(value: unknown, locale: string, to: CastTarget): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) fail(value, to);
    return value;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    if (value.trim() === "") fail(value, to, " (empty text; add a default transform first)");
    const parsed = parseLocaleNumber(value, locale);
    if (parsed === undefined) fail(value, to, ` with locale ${locale}`);
    return parsed;
  }
  return fail(value, to);
}

/**
 * Converts a value to one of the cast targets. null and undefined stay null: a missing value is
 * not a failure, and a default transform decides what it becomes.
 */
export function castValue(value: unknown, to: CastTarget, locale = "en-US"): unknown {
  if (value === null || value === undefined) return null;
  switch (to) {
    case "string":
      if (typeof value === "string") return value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      return JSON.stringify(value);
    case "number":
      return toNumber(value, locale, to);
    case "integer": {
      const number = toNumber(value, locale, to);
      // Rounding would silently change data; a fractional value is a record failure instead.
      if (!Number.isInteger(number)) fail(value, to, " (it has a fractional part)");
      return number;
    }
    case "boolean": {
      const parsed = parseBoolean(value);
      if (parsed === undefined) fail(value, to, " (expected true/false, yes/no, 1/0)");
      return parsed;
    }
    case "date":
    case "datetime": {
      // date keeps the calendar date as written ("...T23:30-05:00" stays that day); datetime
      // converts to the UTC instant.
      if (typeof value === "boolean") fail(value, to);
      const parts = parseDateValue(value, locale);
      if (!parts) fail(value, to, ` (expected ISO 8601 or a ${locale} date)`);
      return to === "date" ? isoDate(parts) : isoDateTimeUtc(parts);
    }
  }
}
