import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { ApiError } from "../server/api-error";

// CSV dialects of Bulk API 2.0: configurable column delimiter and line ending.

export const columnDelimiters = {
  COMMA: ",",
  TAB: "\t",
  PIPE: "|",
  SEMICOLON: ";",
  CARET: "^",
  BACKQUOTE: "`",
} as const;

export type ColumnDelimiter = keyof typeof columnDelimiters;
export const columnDelimiterSchema = z.enum([
  "COMMA",
  "TAB",
  "PIPE",
  "SEMICOLON",
  "CARET",
  "BACKQUOTE",
]);
export const lineEndingSchema = z.enum(["LF", "CRLF"]);
export type LineEnding = z.infer<typeof lineEndingSchema>;

export interface CsvTable {
  columns: string[];
  rows: Record<string, string>[];
}

const rowSchema = z.array(z.string());

export function parseCsv(text: string, delimiter: ColumnDelimiter): CsvTable {
  let raw: unknown;
  try {
    raw = parse(text, {
      delimiter: columnDelimiters[delimiter],
      bom: true,
      skip_empty_lines: true,
      relax_quotes: false,
    });
  } catch (err) {
    throw new ApiError(
      400,
      "INVALIDBATCH",
      `InvalidBatch : Failed to parse CSV: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const lines = z.array(rowSchema).parse(raw);
  const [header, ...body] = lines;
  if (!header || header.length === 0)
    throw new ApiError(400, "INVALIDBATCH", "InvalidBatch : CSV has no header row");
  const rows = body.map((cells, i) => {
    if (cells.length !== header.length) {
      throw new ApiError(
        400,
        "INVALIDBATCH",
        `InvalidBatch : Row ${i + 2} has ${cells.length} columns, header has ${header.length}`,
      );
    }
    return Object.fromEntries(header.map((name, j) => [name, cells[j] ?? ""]));
  });
  return { columns: header, rows };
}

export function toCsv(
  columns: string[],
  rows: Record<string, string>[],
  delimiter: ColumnDelimiter,
  lineEnding: LineEnding,
): string {
  return stringify(rows, {
    header: true,
    columns,
    delimiter: columnDelimiters[delimiter],
    record_delimiter: lineEnding === "CRLF" ? "windows" : "unix",
    quoted: true,
  });
}
