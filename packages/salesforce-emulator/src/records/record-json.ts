import type { FieldDef, ObjectDef } from "../schema/catalog";
import { ApiError } from "../server/api-error";
import { recordUrl } from "../soql/executor";
import type { StoredRecord } from "../store/record-store";
import type { DmlOutcome } from "./unit-of-work";

// REST representations of records and DML outcomes.

export function recordJson(
  apiVersion: string,
  def: ObjectDef,
  record: StoredRecord,
  fields?: FieldDef[],
) {
  const out: Record<string, unknown> = {
    attributes: { type: def.name, url: recordUrl(apiVersion, def.name, record.id) },
  };
  for (const f of fields ?? def.fields) out[f.name] = record.fields[f.name] ?? null;
  return out;
}

/** Parses ?fields=A,B into field definitions, rejecting unknown names like Salesforce does. */
export function selectedFields(def: ObjectDef, raw: string | null): FieldDef[] | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  return raw.split(",").map((name) => {
    const field = def.fieldByLowerName.get(name.trim().toLowerCase());
    if (!field) {
      throw new ApiError(
        400,
        "INVALID_FIELD",
        `No such column '${name.trim()}' on entity '${def.name}'.`,
      );
    }
    return field;
  });
}

/** A SaveResult / UpsertResult as returned by sObject Collections. */
export function saveResult(outcome: DmlOutcome, withCreated: boolean) {
  if (outcome.ok) {
    return withCreated
      ? { id: outcome.id, success: true, errors: [], created: outcome.created }
      : { id: outcome.id, success: true, errors: [] };
  }
  const base = outcome.id ? { id: outcome.id } : {};
  return withCreated
    ? { ...base, success: false, errors: outcome.errors, created: false }
    : { ...base, success: false, errors: outcome.errors };
}

/** Throws the REST error a single-record call returns for a failed outcome. */
export function throwForFailure(outcome: Extract<DmlOutcome, { ok: false }>): never {
  if (outcome.kind === "notFound") {
    const error = outcome.errors[0];
    const message =
      error?.statusCode === "NOT_FOUND" ? error.message : "The requested resource does not exist";
    throw new ApiError(404, "NOT_FOUND", message);
  }
  if (outcome.kind === "deleted") throw new ApiError(404, "ENTITY_IS_DELETED", "entity is deleted");
  const error = outcome.errors[0];
  throw new ApiError(
    400,
    error?.statusCode ?? "UNKNOWN_EXCEPTION",
    error?.message ?? "invalid record",
    error?.fields ?? [],
  );
}
