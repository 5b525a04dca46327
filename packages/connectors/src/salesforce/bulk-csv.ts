import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { SfRecord, SfValue } from "./cast";
import type { SaveError } from "./errors";

/** Bulk API 2.0 CSV: an empty cell leaves a field unchanged, `#N/A` sets it to null. */
export const NULL_MARKER = "#N/A";

export function cell(value: SfValue | undefined): string {
  if (value === undefined) return "";
  if (value === null) return NULL_MARKER;
  return String(value);
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** Every column any record uses, in first-seen order (`Id` first when present). */
export function columnsOf(records: readonly SfRecord[]): string[] {
  const seen = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) seen.add(key);
  const columns = [...seen];
  return columns.includes("Id") ? ["Id", ...columns.filter((c) => c !== "Id")] : columns;
}

/** Every cell quoted, so no value can be mistaken for a delimiter or a line break. */
export function toCsv(columns: readonly string[], records: readonly SfRecord[]): string {
  const lines = [columns.map(quote).join(",")];
  for (const record of records) lines.push(columns.map((c) => quote(cell(record[c]))).join(","));
  return `${lines.join("\n")}\n`;
}

/** What identifies a row in Bulk results: the cells it was sent with (results echo them). */
export function rowSignature(
  columns: readonly string[],
  cells: (column: string) => string,
): string {
  return JSON.stringify(columns.map(cells));
}

const resultRows = z.array(z.record(z.string(), z.string()));

/** Parses a result CSV (header row + rows) into cell maps. */
export function parseResultCsv(text: string): Record<string, string>[] {
  if (text.trim() === "") return [];
  return resultRows.parse(parse(text, { columns: true, skip_empty_lines: true, bom: true }));
}

/**
 * `sf__Error` cells look like `CODE:message:Field1,Field2 --`, several joined by spaces. Messages
 * may contain colons, so the code is what precedes the first colon and the fields what follows
 * the last one (when it looks like a field list).
 */
export function parseBulkErrors(text: string): SaveError[] {
  const parts = text
    .split(/\s--(?:\s+|$)/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return parts.map((part) => {
    const first = part.indexOf(":");
    if (first < 0) return { code: "UNKNOWN_EXCEPTION", message: part, fields: [] };
    const code = part.slice(0, first);
    const rest = part.slice(first + 1);
    const last = rest.lastIndexOf(":");
    const tail = last < 0 ? "" : rest.slice(last + 1);
    if (last >= 0 && /^[A-Za-z0-9_.,]*$/.test(tail)) {
      return { code, message: rest.slice(0, last), fields: tail.split(",").filter(Boolean) };
    }
    return { code, message: rest, fields: [] };
  });
}
