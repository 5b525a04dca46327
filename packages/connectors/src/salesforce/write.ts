import type { RecordValues } from "@duplex/core";
import { ConnectorError, type UpsertOptions, type WriteOutcome } from "../types";
import { bulkIngest } from "./bulk";
import { castRecord, type SfRecord } from "./cast";
import { deleteCollection, type SaveOperation, saveCollection } from "./collections";
import type { SalesforceConnectionConfig } from "./config";
import type { SalesforceObject } from "./describe";
import { localRecordError } from "./errors";
import type { SalesforceSession } from "./session";
import { fieldName } from "./soql";

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

interface Pending {
  index: number;
  record: SfRecord;
}

function keyOf(row: RecordValues): string | null {
  const id = row.Id;
  return typeof id === "string" && id !== "" ? id : null;
}

/** The field to match on: `Id`, or a field Salesforce can upsert by (an external ID). */
function matchFieldOf(object: SalesforceObject, matchField: string): string {
  if (matchField.toLowerCase() === "id") return "Id";
  const name = fieldName(object, matchField);
  if (!object.field(name)?.externalId) {
    throw new ConnectorError(
      `${object.descriptor.name}.${name} is not an external ID field; Salesforce upserts only by Id or an external ID`,
      "match_field_not_external_id",
      false,
    );
  }
  return name;
}

type Plan = { kind: "insert" } | { kind: "upsert"; match: string };

const blank = (value: unknown) => value === undefined || value === null || value === "";

/** Which write a cast record needs, or why it cannot be written. */
type Failure = Extract<WriteOutcome, { ok: false }>;

function route(plan: Plan, record: SfRecord): SaveOperation | Failure {
  if (plan.kind === "insert") {
    if (!blank(record.Id)) {
      return {
        ok: false,
        key: typeof record.Id === "string" ? record.Id : null,
        error: localRecordError(
          "INVALID_FIELD_FOR_INSERT_UPDATE",
          "insert assigns the Id; leave it out",
          ["Id"],
        ),
      };
    }
    delete record.Id;
    return "insert";
  }
  if (plan.match === "Id") {
    if (!blank(record.Id)) return "update";
    delete record.Id;
    return "insert";
  }
  if (blank(record[plan.match])) {
    return {
      ok: false,
      key: null,
      error: localRecordError("missing_match_value", `no value for match field "${plan.match}"`, [
        plan.match,
      ]),
    };
  }
  return "upsert";
}

/**
 * Writes rows. Upsert matched on `Id`: rows with an Id are updated, rows without one created;
 * matched on an external-ID field: Salesforce upserts by it. Insert: every row is created and
 * gets its Id from Salesforce. Up to `bulkThreshold` rows go through sObject Collections, more
 * through a Bulk API 2.0 job. Values are cast to each field's type first; a row that cannot be
 * cast (or lacks its match value) fails alone.
 */
async function writeRows(
  session: SalesforceSession,
  config: SalesforceConnectionConfig,
  object: SalesforceObject,
  rows: readonly RecordValues[],
  plan: Plan,
): Promise<WriteOutcome[]> {
  const outcomes: (WriteOutcome | undefined)[] = new Array(rows.length);
  const groups: Record<SaveOperation, Pending[]> = { insert: [], update: [], upsert: [] };
  rows.forEach((row, index) => {
    // An empty Id means "no Id yet", not a malformed one.
    const input = row.Id === "" ? { ...row, Id: undefined } : row;
    const cast = castRecord(object, input, config.externalIdFieldByObject);
    if (!cast.ok) {
      outcomes[index] = { ok: false, key: keyOf(row), error: cast.error };
      return;
    }
    const routed = route(plan, cast.record);
    if (typeof routed === "string") groups[routed].push({ index, record: cast.record });
    else outcomes[index] = { ...routed, key: keyOf(row) };
  });

  const total = groups.insert.length + groups.update.length + groups.upsert.length;
  const useBulk = total > config.bulkThreshold;
  const name = object.descriptor.name;
  const externalIdField = plan.kind === "upsert" ? plan.match : "Id";
  for (const operation of ["update", "insert", "upsert"] as const) {
    const pending = groups[operation];
    if (pending.length === 0) continue;
    const records = pending.map((p) => p.record);
    const written = useBulk
      ? await bulkIngest(session, name, operation, records, {
          externalIdField,
          timeoutMs: config.bulkPollTimeoutMs,
        })
      : await saveCollection(session, name, operation, records, {
          batchSize: config.collectionBatchSize,
          externalIdField,
        });
    written.forEach((outcome, i) => {
      const target = pending[i];
      if (target) outcomes[target.index] = outcome;
    });
  }
  return Array.from(outcomes, (o, index) =>
    o === undefined
      ? {
          ok: false,
          key: keyOf(rows[index] ?? {}),
          error: localRecordError("not_written", "record was not written"),
        }
      : o,
  );
}

export function upsertRows(
  session: SalesforceSession,
  config: SalesforceConnectionConfig,
  object: SalesforceObject,
  rows: readonly RecordValues[],
  options: UpsertOptions,
): Promise<WriteOutcome[]> {
  const match = matchFieldOf(object, options.matchField);
  return writeRows(session, config, object, rows, { kind: "upsert", match });
}

export function insertRows(
  session: SalesforceSession,
  config: SalesforceConnectionConfig,
  object: SalesforceObject,
  rows: readonly RecordValues[],
): Promise<WriteOutcome[]> {
  return writeRows(session, config, object, rows, { kind: "insert" });
}

/** Deletes by Id. Keys that are not Ids of this object fail alone (and are never sent). */
export async function deleteRows(
  session: SalesforceSession,
  config: SalesforceConnectionConfig,
  object: SalesforceObject,
  keys: readonly string[],
): Promise<WriteOutcome[]> {
  const outcomes: (WriteOutcome | undefined)[] = new Array(keys.length);
  const valid: { index: number; id: string }[] = [];
  keys.forEach((id, index) => {
    // The collections delete takes Ids of any object; a foreign Id must not delete another record.
    const ours = object.keyPrefix === null || id.startsWith(object.keyPrefix);
    if (SALESFORCE_ID.test(id) && ours) valid.push({ index, id });
    else
      outcomes[index] = {
        ok: false,
        key: id,
        error: localRecordError(
          "MALFORMED_ID",
          `"${id}" is not an Id of ${object.descriptor.name}`,
        ),
      };
  });
  if (valid.length > 0) {
    const results = await deleteCollection(
      session,
      object.descriptor.name,
      valid.map((v) => v.id),
      config.collectionBatchSize,
    );
    results.forEach((outcome, i) => {
      const target = valid[i];
      if (target) outcomes[target.index] = outcome;
    });
  }
  return Array.from(outcomes, (o, index) =>
    o === undefined
      ? {
          ok: false,
          key: keys[index] ?? null,
          error: localRecordError("not_written", "record was not deleted"),
        }
      : o,
  );
}
