import { formatDatetime } from "../records/datetime-format";
import type { ObjectDef } from "../schema/catalog";
import { ApiError } from "../server/api-error";
import type { EmulatorContext } from "../server/context";
import { type ColumnDelimiter, type LineEnding, parseCsv, toCsv } from "./csv-format";
import { applyRow, formatBulkError, type IngestOperation } from "./ingest-processor";

// Bulk API 2.0 ingest jobs: Open -> UploadComplete -> InProgress -> JobComplete | Failed,
// or Aborted. Processing runs in the background after UploadComplete, yielding to the event
// loop regularly so the API stays responsive during large loads. Jobs live in memory.

export type IngestState =
  | "Open"
  | "UploadComplete"
  | "InProgress"
  | "JobComplete"
  | "Failed"
  | "Aborted";

export interface IngestJob {
  id: string;
  def: ObjectDef;
  operation: IngestOperation;
  externalIdFieldName: string | null;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
  apiVersion: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: IngestState;
  errorMessage: string | null;
  csv: string | null;
  columns: string[];
  successful: Record<string, string>[];
  failed: Record<string, string>[];
  unprocessed: Record<string, string>[];
  processed: number;
  processingMs: number;
}

const YIELD_EVERY = 500;

export function ingestJobInfo(job: IngestJob) {
  return {
    id: job.id,
    operation: job.operation,
    object: job.def.name,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: "Parallel",
    contentType: "CSV",
    apiVersion: Number(job.apiVersion),
    jobType: "V2Ingest",
    contentUrl: `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.processed,
    numberRecordsFailed: job.failed.length,
    retries: 0,
    totalProcessingTime: job.processingMs,
    apiActiveProcessingTime: job.processingMs,
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

export function touch(ctx: EmulatorContext, job: IngestJob, state: IngestState): void {
  job.state = state;
  job.systemModstamp = formatDatetime(ctx.now());
}

export function invalidState(message: string): ApiError {
  return new ApiError(409, "INVALIDJOBSTATE", message);
}

/** Runs the job to completion; never throws (failures become job state). */
export async function processIngestJob(ctx: EmulatorContext, job: IngestJob): Promise<void> {
  const started = Date.now();
  touch(ctx, job, "InProgress");
  try {
    const table = parseCsv(job.csv ?? "", job.columnDelimiter);
    job.columns = table.columns;
    const unknown = table.columns.filter((c) => {
      const base = c.split(".")[0] ?? c;
      return (
        !job.def.fieldByLowerName.has(base.toLowerCase()) &&
        !job.def.fieldByLowerRelationship.has(base.toLowerCase())
      );
    });
    if (unknown.length > 0)
      throw new ApiError(
        400,
        "INVALIDBATCH",
        `InvalidBatch : Field name not found : ${unknown[0]}`,
      );
    if (job.operation === "upsert" && job.externalIdFieldName) {
      const ext = job.externalIdFieldName.toLowerCase();
      if (!table.columns.some((c) => c.toLowerCase() === ext)) {
        throw new ApiError(
          400,
          "INVALIDBATCH",
          `InvalidBatch : Field name not found : ${job.externalIdFieldName}`,
        );
      }
    }
    await ctx.dml(job.createdById, async (uow) => {
      for (const [i, row] of table.rows.entries()) {
        if (job.state === "Aborted") {
          job.unprocessed.push(...table.rows.slice(i));
          break;
        }
        const outcome = await applyRow(uow, job.def, job.operation, job.externalIdFieldName, row);
        job.processed += 1;
        if (outcome.ok)
          job.successful.push({ sf__Id: outcome.id, sf__Created: String(outcome.created), ...row });
        else
          job.failed.push({
            sf__Id: outcome.id ?? "",
            sf__Error: formatBulkError(outcome.errors),
            ...row,
          });
        if (i % YIELD_EVERY === YIELD_EVERY - 1)
          await new Promise((resolve) => setImmediate(resolve));
      }
      await uow.commit();
    });
    if (job.state !== "Aborted") touch(ctx, job, "JobComplete");
  } catch (err) {
    job.errorMessage = err instanceof Error ? err.message : String(err);
    touch(ctx, job, "Failed");
  } finally {
    job.csv = null;
    job.processingMs = Date.now() - started;
  }
}

export function resultCsv(job: IngestJob, kind: "successful" | "failed" | "unprocessed"): string {
  const prefix =
    kind === "successful"
      ? ["sf__Id", "sf__Created"]
      : kind === "failed"
        ? ["sf__Id", "sf__Error"]
        : [];
  const rows =
    kind === "successful" ? job.successful : kind === "failed" ? job.failed : job.unprocessed;
  if (job.columns.length === 0 && rows.length === 0) return "";
  return toCsv([...prefix, ...job.columns], rows, job.columnDelimiter, job.lineEnding);
}
