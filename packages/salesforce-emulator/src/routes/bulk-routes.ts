import { randomBytes } from "node:crypto";
import { z } from "zod";
import { columnDelimiterSchema, lineEndingSchema, toCsv } from "../bulk/csv-format";
import {
  type IngestJob,
  ingestJobInfo,
  invalidState,
  processIngestJob,
  resultCsv,
  touch,
} from "../bulk/ingest-jobs";
import {
  decodeLocator,
  encodeLocator,
  flattenRecords,
  type QueryJob,
  queryJobInfo,
} from "../bulk/query-jobs";
import { mintId } from "../ids/salesforce-id";
import { formatDatetime } from "../records/datetime-format";
import { ApiError, badRequest } from "../server/api-error";
import type { EmulatorContext } from "../server/context";
import { type ApiRequest, json, noContent, readJson, text } from "../server/http-types";
import type { Router } from "../server/router";

// Bulk API 2.0 REST surface: /jobs/ingest and /jobs/query.

const ingestCreateSchema = z.object({
  object: z.string(),
  operation: z.enum(["insert", "update", "upsert", "delete", "hardDelete"]),
  externalIdFieldName: z.string().optional(),
  contentType: z.literal("CSV").optional(),
  columnDelimiter: columnDelimiterSchema.optional(),
  lineEnding: lineEndingSchema.optional(),
  assignmentRuleId: z.string().optional(),
});

const queryCreateSchema = z.object({
  operation: z.enum(["query", "queryAll"]).default("query"),
  query: z.string(),
  columnDelimiter: columnDelimiterSchema.optional(),
  lineEnding: lineEndingSchema.optional(),
  contentType: z.literal("CSV").optional(),
});

const stateSchema = z.object({ state: z.enum(["UploadComplete", "Aborted"]) });
const CSV = "text/csv; charset=UTF-8";
const DEFAULT_MAX_RECORDS = 100_000;

const jobNotFound = () => new ApiError(404, "NOT_FOUND", "The requested resource does not exist");
let jobSequence = 0;
const newJobId = () =>
  mintId("750", Number.parseInt(randomBytes(3).toString("hex"), 16) * 1000 + ++jobSequence);

function userOf(req: ApiRequest): string {
  if (!req.session) throw new ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid");
  return req.session.userId;
}

export function registerBulkRoutes(router: Router, ctx: EmulatorContext): void {
  const ingestJobs = new Map<string, IngestJob>();
  const queryJobs = new Map<string, QueryJob>();
  const ingest = "/services/data/:version/jobs/ingest";
  const query = "/services/data/:version/jobs/query";
  const ingestJob = (req: ApiRequest) => {
    const job = ingestJobs.get(req.params.jobId ?? "");
    if (!job) throw jobNotFound();
    return job;
  };
  const queryJob = (req: ApiRequest) => {
    const job = queryJobs.get(req.params.jobId ?? "");
    if (!job) throw jobNotFound();
    return job;
  };

  router.add("POST", ingest, (req) => {
    const body = readJson(req, ingestCreateSchema);
    const def = ctx.catalog.object(body.object);
    if (!def)
      throw badRequest(
        "INVALIDENTITY",
        `InvalidEntity : Entity '${body.object}' is not supported by the Bulk API.`,
      );
    let externalIdFieldName: string | null = null;
    if (body.operation === "upsert") {
      const field = def.fieldByLowerName.get((body.externalIdFieldName ?? "").toLowerCase());
      if (!field || !(field.externalId || field.name === "Id")) {
        throw badRequest(
          "INVALIDJOB",
          `InvalidJob : External ID was blank or not an external ID field for ${def.name}: ${body.externalIdFieldName ?? ""}`,
        );
      }
      externalIdFieldName = field.name;
    }
    const now = formatDatetime(ctx.now());
    const job: IngestJob = {
      id: newJobId(),
      def,
      operation: body.operation,
      externalIdFieldName,
      columnDelimiter: body.columnDelimiter ?? "COMMA",
      lineEnding: body.lineEnding ?? "LF",
      apiVersion: req.apiVersion,
      createdById: userOf(req),
      createdDate: now,
      systemModstamp: now,
      state: "Open",
      errorMessage: null,
      csv: null,
      columns: [],
      successful: [],
      failed: [],
      unprocessed: [],
      processed: 0,
      processingMs: 0,
    };
    ingestJobs.set(job.id, job);
    return json(200, ingestJobInfo(job));
  });

  router.add("GET", ingest, () =>
    json(200, {
      done: true,
      records: [...ingestJobs.values()].map(ingestJobInfo),
      nextRecordsUrl: null,
    }),
  );

  router.add("GET", `${ingest}/:jobId`, (req) => json(200, ingestJobInfo(ingestJob(req))));

  router.add("PUT", `${ingest}/:jobId/batches`, (req) => {
    const job = ingestJob(req);
    if (job.state !== "Open")
      throw invalidState(`Job is not open for data upload; state is ${job.state}`);
    if (job.csv !== null) throw invalidState("Data can only be uploaded to a job once");
    job.csv = req.body.toString("utf8");
    return { status: 201 };
  });

  router.add("PATCH", `${ingest}/:jobId`, (req) => {
    const job = ingestJob(req);
    const { state } = readJson(req, stateSchema);
    if (state === "UploadComplete") {
      if (job.state !== "Open") throw invalidState(`Cannot close a job in state ${job.state}`);
      if (job.csv === null) {
        job.errorMessage = "InvalidBatch : No data was uploaded for this job";
        touch(ctx, job, "Failed");
      } else {
        touch(ctx, job, "UploadComplete");
        setImmediate(() => void processIngestJob(ctx, job));
      }
    } else {
      if (job.state === "JobComplete" || job.state === "Failed")
        throw invalidState(`Cannot abort a job in state ${job.state}`);
      touch(ctx, job, "Aborted");
    }
    return json(200, ingestJobInfo(job));
  });

  router.add("DELETE", `${ingest}/:jobId`, (req) => {
    const job = ingestJob(req);
    if (job.state === "Open" || job.state === "InProgress")
      throw invalidState(`Cannot delete a job in state ${job.state}`);
    ingestJobs.delete(job.id);
    return noContent();
  });

  for (const kind of ["successful", "failed", "unprocessed"] as const) {
    const path = kind === "unprocessed" ? "unprocessedrecords" : `${kind}Results`;
    router.add("GET", `${ingest}/:jobId/${path}`, (req) => {
      const job = ingestJob(req);
      if (
        kind !== "unprocessed" &&
        job.state !== "JobComplete" &&
        job.state !== "Failed" &&
        job.state !== "Aborted"
      ) {
        throw invalidState(`Results are not available while the job is ${job.state}`);
      }
      return text(200, resultCsv(job, kind), CSV);
    });
  }

  router.add("POST", query, async (req) => {
    const body = readJson(req, queryCreateSchema);
    const result = await ctx.query(body.query, body.operation === "queryAll", req.apiVersion);
    if (result.count)
      throw badRequest(
        "API_ERROR",
        "Aggregate queries are not supported by Bulk API 2.0 query jobs",
      );
    const flat = flattenRecords(result.records, result.columns);
    const now = formatDatetime(ctx.now());
    const job: QueryJob = {
      id: newJobId(),
      operation: body.operation,
      object: result.object.name,
      query: body.query,
      columnDelimiter: body.columnDelimiter ?? "COMMA",
      lineEnding: body.lineEnding ?? "LF",
      apiVersion: req.apiVersion,
      createdById: userOf(req),
      createdDate: now,
      systemModstamp: now,
      state: "UploadComplete",
      columns: flat.columns,
      rows: flat.rows,
    };
    queryJobs.set(job.id, job);
    // Completes asynchronously so clients exercise their polling path.
    setImmediate(() => {
      if (job.state === "UploadComplete") {
        job.state = "JobComplete";
        job.systemModstamp = formatDatetime(ctx.now());
      }
    });
    return json(200, queryJobInfo(job));
  });

  router.add("GET", query, () =>
    json(200, {
      done: true,
      records: [...queryJobs.values()].map(queryJobInfo),
      nextRecordsUrl: null,
    }),
  );

  router.add("GET", `${query}/:jobId`, (req) => json(200, queryJobInfo(queryJob(req))));

  router.add("PATCH", `${query}/:jobId`, (req) => {
    const job = queryJob(req);
    const { state } = readJson(req, stateSchema);
    if (state !== "Aborted") throw badRequest("INVALIDJOBSTATE", "Query jobs can only be aborted");
    if (job.state === "JobComplete" || job.state === "Failed")
      throw invalidState(`Cannot abort a job in state ${job.state}`);
    job.state = "Aborted";
    return json(200, queryJobInfo(job));
  });

  router.add("DELETE", `${query}/:jobId`, (req) => {
    queryJobs.delete(queryJob(req).id);
    return noContent();
  });

  router.add("GET", `${query}/:jobId/results`, (req) => {
    const job = queryJob(req);
    if (job.state !== "JobComplete")
      throw invalidState(`Results are not available while the job is ${job.state}`);
    const locator = req.query.get("locator");
    const offset = locator ? decodeLocator(locator) : 0;
    if (offset === undefined || offset > job.rows.length)
      throw badRequest("INVALID_LOCATOR", "Invalid locator");
    const maxRaw = req.query.get("maxRecords");
    const max =
      maxRaw && /^\d+$/.test(maxRaw) && Number(maxRaw) > 0 ? Number(maxRaw) : DEFAULT_MAX_RECORDS;
    const page = job.rows.slice(offset, offset + max);
    const end = offset + page.length;
    return text(200, toCsv(job.columns, page, job.columnDelimiter, job.lineEnding), CSV, {
      "Sforce-Locator": end < job.rows.length ? encodeLocator(end) : "null",
      "Sforce-NumberOfRecords": String(page.length),
    });
  });
}
