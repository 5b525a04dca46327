import { setTimeout as sleep } from "node:timers/promises";
import type { Connection } from "jsforce";
import { z } from "zod";
import { ConnectorError, type WriteOutcome } from "../types";
import { cell, columnsOf, parseBulkErrors, parseResultCsv, rowSignature, toCsv } from "./bulk-csv";
import type { SfRecord } from "./cast";
import type { SaveOperation } from "./collections";
import { recordErrorInfo } from "./errors";
import type { SalesforceSession } from "./session";

const jobInfo = z.object({
  id: z.string(),
  state: z.enum(["Open", "UploadComplete", "InProgress", "JobComplete", "Aborted", "Failed"]),
  errorMessage: z.string().nullish(),
  numberRecordsProcessed: z.number().default(0),
});

const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 5_000;

/**
 * Writes through a Bulk API 2.0 ingest job (jsforce `conn.bulk2`): open, upload one CSV, close,
 * poll, then read the successful, failed and unprocessed results. Each step is one request in its
 * own session call, so an expired session is renewed without re-running earlier steps.
 *
 * Results carry no row numbers; they echo the cells each row was sent with, so outcomes are
 * matched back to input order by those cells (identical rows are interchangeable, first come
 * first served). Unprocessed rows (an aborted job) fail as transient so they are retried.
 */
export async function bulkIngest(
  session: SalesforceSession,
  objectName: string,
  operation: SaveOperation,
  records: readonly SfRecord[],
  options: { externalIdField?: string; timeoutMs: number },
): Promise<WriteOutcome[]> {
  const context = `bulk ${operation} into ${objectName}`;
  const columns = columnsOf(records);
  const opened = jobInfo.parse(
    await session.call(context, (conn) =>
      conn.bulk2
        .createJob({
          object: objectName,
          operation,
          contentType: "CSV",
          lineEnding: "LF",
          columnDelimiter: "COMMA",
          ...(operation === "upsert"
            ? { externalIdFieldName: options.externalIdField ?? "Id" }
            : {}),
        })
        .open(),
    ),
  );
  const job = (conn: Connection) => conn.bulk2.job("ingest", { id: opened.id });
  await session.call(context, (conn) => job(conn).uploadData(toCsv(columns, records)));
  await session.call(context, (conn) => job(conn).close());

  const deadline = Date.now() + options.timeoutMs;
  let wait = FIRST_POLL_MS;
  let info = jobInfo.parse(await session.call(context, (conn) => job(conn).check()));
  while (info.state === "UploadComplete" || info.state === "InProgress") {
    if (Date.now() > deadline) {
      // Transient so the engine retries; the job keeps running in Salesforce, so a retry of
      // external-ID upserts converges, while a retried insert can create the rows twice.
      throw new ConnectorError(
        `${context}: job ${opened.id} still ${info.state} after ${options.timeoutMs} ms`,
        "bulk_job_timeout",
        true,
      );
    }
    await sleep(wait);
    wait = Math.min(wait * 2, MAX_POLL_MS);
    info = jobInfo.parse(await session.call(context, (conn) => job(conn).check()));
  }
  if (info.state === "Failed" && info.numberRecordsProcessed === 0) {
    throw new ConnectorError(
      `${context}: job ${opened.id} failed: ${info.errorMessage ?? "no reason given"}`,
      "bulk_job_failed",
      false,
    );
  }

  const raw = (kind: "successful" | "failed" | "unprocessed") =>
    session.call(context, async (conn): Promise<unknown> => {
      const handle = job(conn);
      if (kind === "successful") return handle.getSuccessfulResults(true);
      if (kind === "failed") return handle.getFailedResults(true);
      return handle.getUnprocessedRecords(true);
    });
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const successful = parseResultCsv(text(await raw("successful")));
  const failed = parseResultCsv(text(await raw("failed")));
  const unprocessed = parseResultCsv(text(await raw("unprocessed")));

  // Input rows by the cells they were sent with, so results can find their row.
  const pending = new Map<string, number[]>();
  records.forEach((record, index) => {
    const signature = rowSignature(columns, (c) => cell(record[c]));
    pending.set(signature, [...(pending.get(signature) ?? []), index]);
  });
  const take = (row: Record<string, string>) =>
    pending.get(rowSignature(columns, (c) => row[c] ?? ""))?.shift();

  const outcomes: (WriteOutcome | undefined)[] = new Array(records.length);
  const inputId = (index: number) => {
    const id = records[index]?.Id;
    return typeof id === "string" ? id : null;
  };
  for (const row of successful) {
    const index = take(row);
    if (index === undefined) continue;
    const created =
      operation === "insert" || (operation === "upsert" && row.sf__Created === "true");
    outcomes[index] = { ok: true, key: row.sf__Id || (inputId(index) ?? ""), created };
  }
  for (const row of failed) {
    const index = take(row);
    if (index === undefined) continue;
    outcomes[index] = {
      ok: false,
      key: row.sf__Id || inputId(index),
      error: recordErrorInfo(parseBulkErrors(row.sf__Error ?? "")),
    };
  }
  for (const row of unprocessed) {
    const index = take(row);
    if (index === undefined) continue;
    outcomes[index] = {
      ok: false,
      key: inputId(index),
      error: {
        code: "UNPROCESSED",
        message: `job ${opened.id} ended (${info.state}) before this record was processed`,
        transient: true,
      },
    };
  }
  return Array.from(outcomes, (outcome, index) =>
    outcome === undefined
      ? {
          ok: false,
          key: inputId(index),
          error: {
            code: "UNPROCESSED",
            message: `job ${opened.id} returned no result for this record`,
            transient: true,
          },
        }
      : outcome,
  );
}
