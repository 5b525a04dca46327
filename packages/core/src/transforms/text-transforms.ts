import type { JsonPrimitive } from "../definitions/common";
import type { TransformOf } from "../definitions/transform";
import type { RecordValues } from "../model/describe";
import { describeValue, TransformStepError } from "./transform-result";

/** Text transforms accept strings, numbers and booleans (as their text); objects are refused. */
export function asText(value: unknown, transform: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new TransformStepError(
    "invalid-input",
    `${transform} expects text, got ${describeValue(value)}`,
  );
}

const isBlank = (value: unknown) =>
  value === null || value === undefined || (typeof value === "string" && value.trim() === "");

export function applyCase(value: unknown, to: TransformOf<"case">["to"]): string | null {
  if (value === null || value === undefined) return null;
  const text = asText(value, "case");
  if (to === "upper") return text.toUpperCase();
  if (to === "lower") return text.toLowerCase();
  // Word starts follow whitespace, hyphens, slashes and brackets; not apostrophes ("Don't").
  return text
    .toLowerCase()
    .replace(/(^|[\s\-/("])(\p{L})/gu, (_, lead, letter) => `${lead}${letter.toUpperCase()}`);
}

export function applyTrim(value: unknown, collapseWhitespace: boolean): string | null {
  if (value === null || value === undefined) return null;
  const text = asText(value, "trim").trim();
  return collapseWhitespace ? text.replace(/\s+/g, " ") : text;
}

export function applyDefault(value: unknown, transform: TransformOf<"default">): unknown {
  const missing =
    transform.when === "null" ? value === null || value === undefined : isBlank(value);
  return missing ? transform.value : value;
}

export function applyReplace(value: unknown, transform: TransformOf<"replace">): unknown {
  if (value === null || value === undefined) return null;
  const text = asText(value, "replace");
  let match: JsonPrimitive | undefined;
  if (Object.hasOwn(transform.values, text)) {
    match = transform.values[text];
  } else if (transform.caseInsensitive) {
    const lowered = text.toLowerCase();
    const key = Object.keys(transform.values).find((k) => k.toLowerCase() === lowered);
    if (key !== undefined) match = transform.values[key];
  }
  if (match !== undefined) return match;
  switch (transform.unmatched) {
    case "keep":
      return value;
    case "default":
      return transform.default ?? null;
    case "fail":
      throw new TransformStepError("unmatched-value", `no replacement for ${describeValue(value)}`);
  }
}

export function applySplit(value: unknown, transform: TransformOf<"split">): unknown {
  if (value === null || value === undefined) return null;
  let parts = asText(value, "split").split(transform.separator);
  if (transform.trim) parts = parts.map((p) => p.trim());
  if (transform.index === undefined) return parts;
  // A missing part (index past the end) is null, not a failure: "Cher" has no last name.
  return parts.at(transform.index) ?? null;
}

export function applyJoin(
  value: unknown,
  transform: TransformOf<"join">,
  record: RecordValues,
): string | null {
  let parts: unknown[];
  if (transform.fields && transform.fields.length > 0) {
    parts = transform.fields.map((field) => readPath(record, field));
  } else if (value === null || value === undefined) {
    return null;
  } else if (Array.isArray(value)) {
    parts = value;
  } else {
    throw new TransformStepError(
      "invalid-input",
      `join expects a list, got ${describeValue(value)}`,
    );
  }
  const texts = parts
    .filter((p) => !(transform.skipEmpty && isBlank(p)))
    .map((p) => (p === null || p === undefined ? "" : asText(p, "join")));
  return texts.join(transform.separator);
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function applyEscape(
  value: unknown,
  format: TransformOf<"escape">["format"],
): string | null {
  if (value === null || value === undefined) return null;
  const text = asText(value, "escape");
  switch (format) {
    case "html":
      return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
    case "csv":
      // RFC 4180: quote a field holding a separator, quote or line break; double inner quotes.
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    case "json":
      return JSON.stringify(text).slice(1, -1);
  }
}

/** Reads a field, or a dotted path into nested objects when no field has the exact name. */
export function readPath(record: RecordValues, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  let current: unknown = record;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = Object.getOwnPropertyDescriptor(current, segment)?.value;
  }
  return current;
}
