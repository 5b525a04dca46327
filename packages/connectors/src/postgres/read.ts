import type { ObjectDescriptor, RecordValues } from "@duplex/core";
import type pg from "pg";
import type { ChangePage, ChangeRecord, ReadChangesOptions, RecordPage } from "../types";
import { ConnectorError } from "../types";
import { cursors } from "./cursor";
import { queryRecords, text } from "./rows";
import { qualifiedName, quoteIdent } from "./sql";

function field(descriptor: ObjectDescriptor, name: string): string {
  if (!descriptor.fields.some((f) => f.name === name)) {
    throw new ConnectorError(
      `object "${descriptor.name}" has no field "${name}"`,
      "unknown_field",
      false,
    );
  }
  return quoteIdent(name);
}

export async function readAll(
  db: pg.Pool,
  schema: string,
  descriptor: ObjectDescriptor,
  options: { cursor: string | null; pageSize: number },
): Promise<RecordPage> {
  const table = qualifiedName(schema, descriptor.name);
  const pk = quoteIdent(descriptor.primaryKey);
  const after = options.cursor === null ? null : cursors.page.decode(options.cursor).after;
  const where = after === null ? "" : `WHERE t.${pk} > $2`;
  const rows = await queryRecords(
    db,
    `SELECT t.${pk}::text, t.* FROM ${table} AS t ${where} ORDER BY t.${pk} LIMIT $1`,
    after === null ? [options.pageSize + 1] : [options.pageSize + 1, after],
    1,
  );
  const page = rows.slice(0, options.pageSize);
  const last = page.at(-1);
  const hasMore = rows.length > options.pageSize && last !== undefined;
  return {
    records: page.map((r) => r.record),
    nextCursor: hasMore ? cursors.page.encode(text(last.extras[0])) : null,
  };
}

export async function readByKeys(
  db: pg.Pool,
  schema: string,
  descriptor: ObjectDescriptor,
  fieldName: string,
  keys: string[],
): Promise<RecordValues[]> {
  if (keys.length === 0) return [];
  const column = field(descriptor, fieldName);
  const table = qualifiedName(schema, descriptor.name);
  // `= ANY($1)` lets Postgres type the array after the column, so the index is used.
  const result = await db.query<RecordValues>(
    `SELECT t.* FROM ${table} AS t WHERE t.${column} = ANY($1)`,
    [keys],
  );
  return result.rows;
}

/**
 * Timestamp polling: keyset paging on (updated_at, pk). A stored watermark is re-read from
 * `at - overlapMs`, so a transaction that committed late with an older updated_at is still seen.
 * Rows inside the overlap window are returned again on every poll; that is expected, and the
 * engine's compare step turns them into `skipped-equal`. Rows whose updated_at is NULL are never
 * returned by this mode (use the change table for such tables).
 */
export async function readChangesByTimestamp(
  db: pg.Pool,
  schema: string,
  descriptor: ObjectDescriptor,
  options: ReadChangesOptions,
): Promise<ChangePage> {
  const updatedAt = descriptor.updatedAtField;
  if (updatedAt === undefined) {
    throw new ConnectorError(
      `table "${descriptor.name}" has no updated-at column; use the change table mode for it`,
      "no_updated_at_field",
      false,
    );
  }
  const table = qualifiedName(schema, descriptor.name);
  const u = `t.${quoteIdent(updatedAt)}`;
  const pk = `t.${quoteIdent(descriptor.primaryKey)}`;
  const since = options.since === null ? null : cursors.timestamp.decode(options.since);
  const limit = options.limit + 1;

  let where = "";
  let values: unknown[] = [limit];
  let overlap = "false";
  if (since !== null && !since.exact && options.overlapMs > 0) {
    where = `WHERE ${u} >= $2::timestamptz - $3::bigint * interval '1 millisecond'`;
    values = [limit, since.at, options.overlapMs, since.key];
    overlap = `(${u}, ${pk}) <= ($2::timestamptz, $4)`;
  } else if (since !== null) {
    where = `WHERE (${u}, ${pk}) > ($2::timestamptz, $3)`;
    values = [limit, since.at, since.key];
  } else {
    where = `WHERE ${u} IS NOT NULL`;
  }
  const rows = await queryRecords(
    db,
    `SELECT ${u}::text, ${pk}::text, ${overlap} AS overlap, t.* FROM ${table} AS t ${where} ORDER BY ${u}, ${pk} LIMIT $1`,
    values,
    3,
  );
  const page = rows.slice(0, options.limit);
  const changes: ChangeRecord[] = page.map(({ extras, record }) => {
    const at = text(extras[0]);
    const key = text(extras[1]);
    const sourceUpdatedAt = record[updatedAt];
    return {
      op: "upsert",
      object: descriptor.name,
      key,
      record,
      sourceUpdatedAt: typeof sourceUpdatedAt === "string" ? sourceUpdatedAt : null,
      cursor: cursors.timestamp.encode({ at, key, exact: false }),
      ...(extras[2] === true ? { overlap: true } : {}),
    };
  });
  const last = page.at(-1);
  const hasMore = rows.length > options.limit;
  if (last === undefined) return { changes, nextCursor: options.since, hasMore: false };
  const position = { at: text(last.extras[0]), key: text(last.extras[1]) };
  return {
    changes,
    nextCursor: cursors.timestamp.encode({ ...position, exact: hasMore }),
    hasMore,
  };
}
