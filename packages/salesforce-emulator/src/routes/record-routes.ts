import { z } from "zod";
import { isWellFormedId, normalizeId } from "../ids/salesforce-id";
import { recordJson, selectedFields, throwForFailure } from "../records/record-json";
import { ApiError, notFound } from "../server/api-error";
import type { EmulatorContext } from "../server/context";
import type { Session } from "../server/http-types";
import { type ApiRequest, type ApiResponse, json, noContent, readJson } from "../server/http-types";
import type { Router } from "../server/router";

// sObject Rows: create, retrieve, update, delete by ID; retrieve/upsert/delete by external ID.

export const recordBodySchema = z.record(z.string(), z.unknown());

/** Upserts that update return 200 with a body from API 46.0 on, 204 before that. */
const UPSERT_BODY_SINCE = 46;

function sessionOf(req: ApiRequest): Session {
  if (!req.session) throw new ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid");
  return req.session;
}

export function registerRecordRoutes(router: Router, ctx: EmulatorContext): void {
  const base = "/services/data/:version/sobjects/:object";

  router.add("POST", base, async (req) => {
    const def = ctx.objectOr404(req.params.object ?? "");
    const body = readJson(req, recordBodySchema);
    const outcome = await ctx.dml(sessionOf(req).userId, async (uow) => {
      const result = await uow.create(def, body);
      if (result.ok) await uow.commit();
      return result;
    });
    if (!outcome.ok) throwForFailure(outcome);
    return json(201, { id: outcome.id, success: true, errors: [] });
  });

  router.add("GET", `${base}/:id`, async (req) => {
    const def = ctx.objectOr404(req.params.object ?? "");
    const rawId = req.params.id ?? "";
    const id = normalizeId(rawId);
    if (!id)
      throw notFound(`Provided external ID field does not exist or is not accessible: ${rawId}`);
    const [record] = await ctx.store.getRecords(def.name, [id]);
    if (!record) throw notFound();
    if (record.deletedDate !== null)
      throw new ApiError(404, "ENTITY_IS_DELETED", "entity is deleted");
    return json(
      200,
      recordJson(req.apiVersion, def, record, selectedFields(def, req.query.get("fields"))),
    );
  });

  router.add("PATCH", `${base}/:id`, async (req) => {
    const def = ctx.objectOr404(req.params.object ?? "");
    const body = readJson(req, recordBodySchema);
    const outcome = await ctx.dml(sessionOf(req).userId, async (uow) => {
      const result = await uow.update(def, req.params.id ?? "", body);
      if (result.ok) await uow.commit();
      return result;
    });
    if (!outcome.ok) throwForFailure(outcome);
    return noContent();
  });

  router.add("DELETE", `${base}/:id`, async (req) => {
    const def = ctx.objectOr404(req.params.object ?? "");
    const outcome = await ctx.dml(sessionOf(req).userId, async (uow) => {
      const result = await uow.remove(def, req.params.id ?? "");
      if (result.ok) await uow.commit();
      return result;
    });
    if (!outcome.ok) throwForFailure(outcome);
    return noContent();
  });

  router.add("GET", `${base}/:field/:value`, async (req) => {
    const { def, records } = await findByExternalId(ctx, req);
    if (records.length > 1)
      return multipleChoices(
        req,
        def.name,
        records.map((r) => r.id),
      );
    const [record] = records;
    if (!record) throw notFound();
    return json(
      200,
      recordJson(req.apiVersion, def, record, selectedFields(def, req.query.get("fields"))),
    );
  });

  router.add("PATCH", `${base}/:field/:value`, async (req) => upsert(ctx, req));

  router.add("DELETE", `${base}/:field/:value`, async (req) => {
    const { def, records } = await findByExternalId(ctx, req);
    if (records.length > 1)
      return multipleChoices(
        req,
        def.name,
        records.map((r) => r.id),
      );
    const [record] = records;
    if (!record) throw notFound();
    const outcome = await ctx.dml(sessionOf(req).userId, async (uow) => {
      const result = await uow.remove(def, record.id);
      if (result.ok) await uow.commit();
      return result;
    });
    if (!outcome.ok) throwForFailure(outcome);
    return noContent();
  });
}

async function upsert(ctx: EmulatorContext, req: ApiRequest): Promise<ApiResponse> {
  const def = ctx.objectOr404(req.params.object ?? "");
  const body = readJson(req, recordBodySchema);
  const updateOnly = req.query.get("updateOnly") === "true";
  const outcome = await ctx.dml(sessionOf(req).userId, async (uow) => {
    const result = await uow.upsert(def, req.params.field ?? "", req.params.value ?? "", body, {
      updateOnly,
    });
    if (result.ok) await uow.commit();
    return result;
  });
  if (!outcome.ok) {
    if (outcome.kind === "multiple") return multipleChoices(req, def.name, outcome.matches ?? []);
    throwForFailure(outcome);
  }
  if (outcome.created)
    return json(201, { id: outcome.id, success: true, errors: [], created: true });
  if (Number.parseFloat(req.apiVersion) < UPSERT_BODY_SINCE) return noContent();
  return json(200, { id: outcome.id, success: true, errors: [], created: false });
}

async function findByExternalId(ctx: EmulatorContext, req: ApiRequest) {
  const def = ctx.objectOr404(req.params.object ?? "");
  const fieldName = req.params.field ?? "";
  const field = def.fieldByLowerName.get(fieldName.toLowerCase());
  if (!field || !(field.externalId || field.name === "Id")) {
    throw notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
  }
  const value = req.params.value ?? "";
  const live = (await ctx.store.listRecords(def.name)).filter((r) => r.deletedDate === null);
  const records =
    field.name === "Id"
      ? live.filter((r) => isWellFormedId(value) && r.id === normalizeId(value))
      : live.filter((r) => {
          const v = r.fields[field.name];
          if (v === null || v === undefined) return false;
          return field.caseSensitive
            ? String(v) === value
            : String(v).toLowerCase() === value.toLowerCase();
        });
  return { def, records };
}

/** 300 Multiple Choices: the body lists the URLs of the matching records. */
function multipleChoices(req: ApiRequest, object: string, ids: string[]): ApiResponse {
  return json(
    300,
    ids.map((id) => `/services/data/v${req.apiVersion}/sobjects/${object}/${id}`),
  );
}
