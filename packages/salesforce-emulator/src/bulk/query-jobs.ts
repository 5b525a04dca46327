import type { QueryRecord } from "../soql/executor";
import type { ResolvedPath } from "../soql/field-paths";
import type { ColumnDelimiter, LineEnding } from "./csv-format";

// Bulk API 2.0 query jobs. The query runs when the job is created (so bad SOQL fails the create
// call, as in Salesforce); results are served in pages addressed by opaque locators.

export type QueryJobState = "UploadComplete" | "InProgress" | "JobComplete" | "Failed" | "Aborted";

export interface QueryJob {
  id: string;
  operation: "query" | "queryAll";
  object: string;
  query: string;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
  apiVersion: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: QueryJobState;
  columns: string[];
  rows: Record<string, string>[];
}

export function queryJobInfo(job: QueryJob) {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: "Parallel",
    contentType: "CSV",
    apiVersion: Number(job.apiVersion),
    jobType: "V2Query",
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.state === "JobComplete" ? job.rows.length : 0,
    retries: 0,
    totalProcessingTime: 0,
    isPkChunkingSupported: true,
  };
}

/** Flattens REST-shaped query records into CSV cells keyed by "Account.Name"-style columns. */
export function flattenRecords(
  records: QueryRecord[],
  columns: ResolvedPath[],
): { columns: string[]; rows: Record<string, string>[] } {
  const names = columns.map((c) => c.names.join("."));
  const rows = records.map((record) => {
    const row: Record<string, string> = {};
    for (const [i, column] of columns.entries()) {
      let node: unknown = record;
      for (const segment of column.names) {
        node = isRecord(node) ? node[segment] : null;
      }
      row[names[i] ?? ""] = node === null || node === undefined ? "" : String(node);
    }
    return row;
  });
  return { columns: names, rows };
}

export const encodeLocator = (offset: number): string =>
  Buffer.from(String(offset)).toString("base64url");

export function decodeLocator(locator: string): number | undefined {
  const n = Number(Buffer.from(locator, "base64url").toString("utf8"));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
