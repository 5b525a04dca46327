import type { RecordValues } from "@duplex/core";
import { z } from "zod";
import type { ChangePage, ChangeRecord, ReadChangesOptions, RecordPage } from "../types";
import { ConnectorError } from "../types";
import { cursors } from "./cursor";
import { isoDatetime } from "./datetime";
import type { SalesforceObject } from "./describe";
import type { SalesforceSession } from "./session";
import { type Condition, fieldName, selectSoql, where } from "./soql";

/** Keys per `IN (...)`: keeps the query URL well below Salesforce's 16 KB limit. */
export const KEYS_PER_QUERY = 200;

const queryPage = z.object({
  done: z.boolean(),
  nextRecordsUrl: z.string().nullish(),
  records: z.array(z.record(z.string(), z.unknown())),
});

/**
 * Fields a sync reads: every field but base64 blobs, which SOQL only returns one record at a time.
 */
export function readableFields(object: SalesforceObject): string[] {
  return object.fields.filter((f) => f.type !== "base64").map((f) => f.name);
}

/** A query result row as Duplex values: no `attributes`, datetimes in ISO 8601 UTC. */
function toRecord(object: SalesforceObject, row: Record<string, unknown>): RecordValues {
  const out: RecordValues = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === "attributes") continue;
    const type = object.field(name)?.type;
    out[name] = type === "datetime" && typeof value === "string" ? isoDatetime(value) : value;
  }
  return out;
}

/**
 * Runs a query (or queryAll, which includes deleted records) and follows nextRecordsUrl until
 * `max` rows are in hand or the result ends. Every page is its own request, so an expired session
 * costs one page, not the read.
 */
export async function queryRecords(
  session: SalesforceSession,
  object: SalesforceObject,
  soql: string,
  options: { all: boolean; max?: number },
): Promise<RecordValues[]> {
  const context = `query ${object.descriptor.name}`;
  const resource = options.all ? "/queryAll" : "/query";
  let page = queryPage.parse(
    await session.request(context, "GET", `${resource}?q=${encodeURIComponent(soql)}`),
  );
  const rows = page.records.map((r) => toRecord(object, r));
  const max = options.max ?? Number.POSITIVE_INFINITY;
  while (!page.done && page.nextRecordsUrl && rows.length < max) {
    page = queryPage.parse(await session.request(context, "GET", page.nextRecordsUrl));
    rows.push(...page.records.map((r) => toRecord(object, r)));
  }
  return rows.slice(0, max);
}

const text = (value: unknown): string => (typeof value === "string" ? value : String(value));

/**
 * SystemModstamp polling with keyset paging on (SystemModstamp, Id). A stored watermark is re-read
 * from `at - overlapMs`, so a transaction that committed late with an older stamp is still seen;
 * those re-reads are expected, and the engine's compare step turns them into `skipped-equal`.
 * queryAll returns deleted records (IsDeleted = true) while they are in the recycle bin, which is
 * how deletes are seen; records purged from it before a poll are missed.
 */
export async function readChanges(
  session: SalesforceSession,
  object: SalesforceObject,
  options: ReadChangesOptions,
): Promise<ChangePage> {
  if (object.field("SystemModstamp") === undefined) {
    throw new ConnectorError(
      `${object.descriptor.name} has no SystemModstamp, so its changes cannot be polled; use readAll`,
      "no_updated_at_field",
      false,
    );
  }
  const stamp = fieldName(object, "SystemModstamp");
  // A record at or before the watermark is only here because of the overlap window.
  const atOrBefore = (at: string, key: string, mark: { at: string; key: string }) => {
    const [mine, theirs] = [Date.parse(at), Date.parse(mark.at)];
    return mine < theirs || (mine === theirs && key <= mark.key);
  };
  const since = options.since === null ? null : cursors.modstamp.decode(options.since);
  let condition: Condition | undefined;
  if (since !== null && !since.exact && options.overlapMs > 0) {
    const from = new Date(Date.parse(since.at) - options.overlapMs).toISOString();
    condition = where.compare(stamp, ">=", from);
  } else if (since !== null) {
    condition = where.or(
      where.compare(stamp, ">", since.at),
      where.and(where.compare(stamp, "=", since.at), where.compare("Id", ">", since.key)),
    );
  }
  const soql = selectSoql(object, {
    fields: readableFields(object),
    ...(condition ? { where: condition } : {}),
    orderBy: [stamp, "Id"],
    limit: options.limit + 1,
  });
  const rows = await queryRecords(session, object, soql, { all: true, max: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  const changes = page.map((record): ChangeRecord => {
    const at = text(record[stamp]);
    const key = text(record.Id);
    return {
      op: record.IsDeleted === true ? "delete" : "upsert",
      object: object.descriptor.name,
      key,
      record,
      sourceUpdatedAt: at,
      cursor: cursors.modstamp.encode({ at, key, exact: false }),
      ...(since !== null && !since.exact && atOrBefore(at, key, since) ? { overlap: true } : {}),
    };
  });
  const last = changes.at(-1);
  const hasMore = rows.length > options.limit;
  if (last === undefined) return { changes, nextCursor: options.since, hasMore: false };
  return {
    changes,
    nextCursor: cursors.modstamp.encode({
      at: last.sourceUpdatedAt ?? "",
      key: last.key,
      exact: hasMore,
    }),
    hasMore,
  };
}

export async function readAll(
  session: SalesforceSession,
  object: SalesforceObject,
  options: { cursor: string | null; pageSize: number },
): Promise<RecordPage> {
  const after = options.cursor === null ? null : cursors.page.decode(options.cursor).after;
  const soql = selectSoql(object, {
    fields: readableFields(object),
    ...(after === null ? {} : { where: where.compare("Id", ">", after) }),
    orderBy: ["Id"],
    limit: options.pageSize + 1,
  });
  const rows = await queryRecords(session, object, soql, { all: false, max: options.pageSize + 1 });
  const records = rows.slice(0, options.pageSize);
  const last = records.at(-1);
  return {
    records,
    nextCursor: rows.length > options.pageSize && last ? cursors.page.encode(text(last.Id)) : null,
  };
}

export async function readByKeys(
  session: SalesforceSession,
  object: SalesforceObject,
  field: string,
  keys: readonly string[],
): Promise<RecordValues[]> {
  const name = fieldName(object, field);
  const unique = [...new Set(keys)];
  const out: RecordValues[] = [];
  for (let i = 0; i < unique.length; i += KEYS_PER_QUERY) {
    const chunk = unique.slice(i, i + KEYS_PER_QUERY);
    const soql = selectSoql(object, {
      fields: readableFields(object),
      where: where.in(name, chunk),
    });
    out.push(...(await queryRecords(session, object, soql, { all: false })));
  }
  return out;
}
