import { z } from "zod";
import { normalizeId } from "../ids/salesforce-id";
import { recordJson, saveResult, selectedFields } from "../records/record-json";
import type { DmlOutcome, UnitOfWork } from "../records/unit-of-work";
import { ApiError, badRequest, recordError } from "../server/api-error";
import type { EmulatorContext } from "../server/context";
import { type ApiRequest, json, readJson } from "../server/http-types";
import type { Router } from "../server/router";

// sObject Collections: up to 200 records per call, per-record results, optional allOrNone.

const MAX_RECORDS = 200;

const collectionSchema = z.object({
  allOrNone: z.boolean().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});

const retrieveSchema = z.object({ ids: z.array(z.string()), fields: z.array(z.string()) });
const attributesSchema = z.object({ type: z.string() });

const rolledBack = recordError(
  "ALL_OR_NONE_OPERATION_ROLLED_BACK",
  "Record rolled back because not all records were valid and the request was using AllOrNone header",
);

function checkCount(count: number): void {
  if (count > MAX_RECORDS) {
    throw badRequest(
      "EXCEEDED_ID_LIMIT",
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
}

function recordType(record: Record<string, unknown>): string | undefined {
  const parsed = attributesSchema.safeParse(record.attributes);
  return parsed.success ? parsed.data.type : undefined;
}

function userOf(req: ApiRequest): string {
  if (!req.session) throw new ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid");
  return req.session.userId;
}

/** Runs one DML step per item, then commits or rolls back according to allOrNone. */
async function runCollection<T>(
  ctx: EmulatorContext,
  req: ApiRequest,
  items: T[],
  allOrNone: boolean,
  step: (uow: UnitOfWork, item: T) => Promise<DmlOutcome>,
  withCreated: boolean,
) {
  checkCount(items.length);
  const outcomes = await ctx.dml(userOf(req), async (uow) => {
    const results: DmlOutcome[] = [];
    for (const item of items) results.push(await step(uow, item));
    if (!allOrNone || results.every((r) => r.ok)) await uow.commit();
    return results;
  });
  const rollBack = allOrNone && outcomes.some((r) => !r.ok);
  return json(
    200,
    outcomes.map((o) =>
      rollBack && o.ok
        ? saveResult({ ok: false, id: null, kind: "invalid", errors: [rolledBack] }, withCreated)
        : saveResult(o, withCreated),
    ),
  );
}

const unknownType = (type: string | undefined): DmlOutcome => ({
  ok: false,
  id: null,
  kind: "invalid",
  errors: [
    recordError(
      "INVALID_TYPE",
      type
        ? `sObject type '${type}' is not supported.`
        : "sObject type must be specified in attributes",
    ),
  ],
});

export function registerCompositeRoutes(router: Router, ctx: EmulatorContext): void {
  const base = "/services/data/:version/composite/sobjects";

  router.add("POST", base, (req) => {
    const body = readJson(req, collectionSchema);
    return runCollection(
      ctx,
      req,
      body.records,
      body.allOrNone ?? false,
      (uow, record) => {
        const def = ctx.catalog.object(recordType(record) ?? "");
        return def ? uow.create(def, record) : Promise.resolve(unknownType(recordType(record)));
      },
      false,
    );
  });

  router.add("PATCH", base, (req) => {
    const body = readJson(req, collectionSchema);
    return runCollection(
      ctx,
      req,
      body.records,
      body.allOrNone ?? false,
      (uow, record) => {
        const def = ctx.catalog.object(recordType(record) ?? "");
        if (!def) return Promise.resolve(unknownType(recordType(record)));
        const id =
          typeof record.Id === "string"
            ? record.Id
            : typeof record.id === "string"
              ? record.id
              : "";
        if (!id) {
          return Promise.resolve<DmlOutcome>({
            ok: false,
            id: null,
            kind: "invalid",
            errors: [recordError("MISSING_ARGUMENT", "Id not specified in an update call", ["Id"])],
          });
        }
        return uow.update(def, id, record);
      },
      false,
    );
  });

  router.add("DELETE", base, (req) => {
    const ids = (req.query.get("ids") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    if (ids.length === 0) throw badRequest("MISSING_ARGUMENT", "ids parameter is required");
    const allOrNone = req.query.get("allOrNone") === "true";
    return runCollection(
      ctx,
      req,
      ids,
      allOrNone,
      (uow, rawId) => {
        const id = normalizeId(rawId);
        const def = id ? ctx.catalog.objectByKeyPrefix(id.slice(0, 3)) : undefined;
        if (!def) {
          return Promise.resolve<DmlOutcome>({
            ok: false,
            id: rawId,
            kind: "invalid",
            errors: [recordError("MALFORMED_ID", `malformed id ${rawId}`)],
          });
        }
        return uow.remove(def, rawId);
      },
      false,
    );
  });

  router.add("PATCH", `${base}/:object/:field`, (req) => {
    const def = ctx.objectOr404(req.params.object ?? "");
    const fieldName = req.params.field ?? "";
    const body = readJson(req, collectionSchema);
    return runCollection(
      ctx,
      req,
      body.records,
      body.allOrNone ?? false,
      (uow, record) => {
        const type = recordType(record);
        if (type && type.toLowerCase() !== def.name.toLowerCase())
          return Promise.resolve(unknownType(type));
        const key = Object.keys(record).find((k) => k.toLowerCase() === fieldName.toLowerCase());
        const raw = key ? record[key] : undefined;
        const value = typeof raw === "string" || typeof raw === "number" ? String(raw) : "";
        if (!value && fieldName.toLowerCase() !== "id") {
          return Promise.resolve<DmlOutcome>({
            ok: false,
            id: null,
            kind: "invalid",
            errors: [recordError("MISSING_ARGUMENT", `${fieldName} not specified`, [fieldName])],
          });
        }
        return uow.upsert(def, fieldName, value, record);
      },
      true,
    );
  });

  const retrieve = async (req: ApiRequest, ids: string[], fieldNames: string[]) => {
    const def = ctx.objectOr404(req.params.object ?? "");
    checkCount(ids.length);
    const fields = selectedFields(def, fieldNames.join(","));
    if (!fields) throw badRequest("MISSING_ARGUMENT", "fields parameter is required");
    const normalized = ids.map((id) => normalizeId(id));
    const found = await ctx.store.getRecords(
      def.name,
      normalized.filter((id): id is string => id !== undefined),
    );
    const byId = new Map(found.filter((r) => r.deletedDate === null).map((r) => [r.id, r]));
    return json(
      200,
      normalized.map((id) => {
        const record = id ? byId.get(id) : undefined;
        return record ? recordJson(req.apiVersion, def, record, fields) : null;
      }),
    );
  };
  router.add("POST", `${base}/:object`, (req) => {
    const body = readJson(req, retrieveSchema);
    return retrieve(req, body.ids, body.fields);
  });
  router.add("GET", `${base}/:object`, (req) =>
    retrieve(
      req,
      (req.query.get("ids") ?? "").split(",").filter(Boolean),
      (req.query.get("fields") ?? "").split(",").filter(Boolean),
    ),
  );
}
