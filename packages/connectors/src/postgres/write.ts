import type { ObjectDescriptor, RecordValues } from "@duplex/core";
import type pg from "pg";
import { z } from "zod";
import { ConnectorError, type WriteOutcome } from "../types";
import { recordErrorInfo } from "./errors";
import { identList, qualifiedName, quoteIdent } from "./sql";
import { attempt, inTransaction } from "./transaction";
import { byteaInput } from "./values";

/** Rows per statement; the whole chunk travels as one jsonb parameter, so this bounds its size. */
const CHUNK_SIZE = 500;

const writtenRow = z.object({ ord: z.coerce.number(), key: z.string(), created: z.boolean() });

export interface WriteOptions {
  matchField: string;
  origin?: string;
}

interface Pending {
  index: number;
  row: RecordValues;
}

export function failure(
  key: string | null,
  code: string,
  message: string,
  fields?: string[],
): WriteOutcome {
  return {
    ok: false,
    key,
    error: { code, message, transient: false, ...(fields ? { fields } : {}) },
  };
}

export function keyOf(row: RecordValues, field: string): string | null {
  const value = row[field];
  if (value === undefined || value === null) return null;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Fails rows Postgres would reject for the whole batch anyway: unknown or read-only fields. */
function validate(
  descriptor: ObjectDescriptor,
  row: RecordValues,
  matchField: string,
): WriteOutcome | null {
  const key = keyOf(row, descriptor.primaryKey);
  const names = Object.keys(row).filter((name) => row[name] !== undefined);
  const unknown = names.filter((name) => !descriptor.fields.some((f) => f.name === name));
  if (unknown.length > 0) {
    return failure(key, "unknown_field", `no such column: ${unknown.join(", ")}`, unknown);
  }
  const readOnly = names.filter(
    (name) => descriptor.fields.find((f) => f.name === name)?.createable === false,
  );
  if (readOnly.length > 0) {
    return failure(key, "read_only_field", `generated column(s): ${readOnly.join(", ")}`, readOnly);
  }
  if (keyOf(row, matchField) === null) {
    return failure(key, "missing_match_value", `no value for match field "${matchField}"`, [
      matchField,
    ]);
  }
  return null;
}

/**
 * Splits rows into statements: rows with the same column set share a statement (so a missing
 * column is left alone, not nulled), and a match value appears at most once per statement (ON
 * CONFLICT cannot touch a row twice). A row never lands before a statement holding an earlier row
 * with the same match value, so repeated keys are applied in input order.
 */
function plan(rows: Pending[], matchField: string): { columns: string[]; rows: Pending[] }[] {
  const statements: { signature: string; columns: string[]; seen: Set<string>; rows: Pending[] }[] =
    [];
  for (const pending of rows) {
    const columns = Object.keys(pending.row)
      .filter((name) => pending.row[name] !== undefined)
      .sort();
    const signature = JSON.stringify(columns);
    const match = keyOf(pending.row, matchField) ?? "";
    const after = statements.findLastIndex((s) => s.seen.has(match)) + 1;
    let statement = statements
      .slice(after)
      .find((s) => s.signature === signature && s.rows.length < CHUNK_SIZE);
    if (statement === undefined) {
      statement = { signature, columns, seen: new Set(), rows: [] };
      statements.push(statement);
    }
    statement.seen.add(match);
    statement.rows.push(pending);
  }
  return statements;
}

const INPUT_CTE = (table: string) => `input AS (
  SELECT e.ord, r AS rec
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, ord)
  CROSS JOIN LATERAL jsonb_populate_record(NULL::${table}, e.doc) AS r
)`;

/**
 * One statement per batch. jsonb_populate_record converts each JSON value with the column's own
 * input function, so no type names are spelled in SQL; ordinality carries input order through to
 * the outcomes. INSERT … ON CONFLICT is used when the rows could be inserted; when they leave out
 * a required column (a partial update), Postgres would reject the insert half before looking for
 * a conflict, so existing rows are updated and only the rest is inserted (and fails on its own).
 */
function upsertSql(
  schema: string,
  descriptor: ObjectDescriptor,
  columns: string[],
  matchField: string,
): string {
  const table = qualifiedName(schema, descriptor.name);
  const m = quoteIdent(matchField);
  const pk = quoteIdent(descriptor.primaryKey);
  const updates = columns.filter((c) => c !== matchField);
  const assigned = updates.length > 0 ? updates : [matchField];
  const values = columns.map((c) => `(i.rec).${quoteIdent(c)}`).join(", ");
  const partial = descriptor.fields.some((f) => f.required && !columns.includes(f.name));
  if (!partial) {
    const set = assigned.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(", ");
    return `WITH ${INPUT_CTE(table)}, written AS (
  INSERT INTO ${table} AS t (${identList(columns)})
  SELECT ${values} FROM input AS i ORDER BY i.ord
  ON CONFLICT (${m}) DO UPDATE SET ${set}
  RETURNING t.${m} AS match, t.${pk}::text AS key, (t.xmax = 0) AS created
)
SELECT i.ord, w.key, w.created FROM input AS i JOIN written AS w ON w.match = (i.rec).${m}`;
  }
  const set = assigned.map((c) => `${quoteIdent(c)} = (i.rec).${quoteIdent(c)}`).join(", ");
  return `WITH ${INPUT_CTE(table)}, updated AS (
  UPDATE ${table} AS t SET ${set} FROM input AS i WHERE t.${m} = (i.rec).${m}
  RETURNING i.ord, t.${pk}::text AS key
), inserted AS (
  INSERT INTO ${table} AS t (${identList(columns)})
  SELECT ${values} FROM input AS i WHERE NOT EXISTS (SELECT 1 FROM updated AS u WHERE u.ord = i.ord)
  ORDER BY i.ord
  RETURNING t.${m} AS match, t.${pk}::text AS key
)
SELECT u.ord, u.key, false AS created FROM updated AS u
UNION ALL
SELECT i.ord, n.key, true FROM input AS i JOIN inserted AS n ON n.match = (i.rec).${m}`;
}

export function toJsonRow(descriptor: ObjectDescriptor, row: RecordValues): RecordValues {
  const out: RecordValues = {};
  for (const [name, value] of Object.entries(row)) {
    const type = descriptor.fields.find((f) => f.name === name)?.type;
    out[name] =
      type === "binary" ? byteaInput(value) : typeof value === "bigint" ? String(value) : value;
  }
  return out;
}

export async function upsertRows(
  pool: pg.Pool,
  schema: string,
  descriptor: ObjectDescriptor,
  rows: RecordValues[],
  options: WriteOptions,
): Promise<WriteOutcome[]> {
  const match = descriptor.fields.find((f) => f.name === options.matchField);
  if (!match?.unique) {
    throw new ConnectorError(
      match
        ? `"${descriptor.name}"."${options.matchField}" has no unique index or constraint; add one to upsert on it`
        : `object "${descriptor.name}" has no field "${options.matchField}"`,
      match ? "match_field_not_unique" : "unknown_field",
      false,
    );
  }
  const outcomes: (WriteOutcome | undefined)[] = rows.map(
    (row) => validate(descriptor, row, options.matchField) ?? undefined,
  );
  const valid = rows.flatMap((row, index) => (outcomes[index] ? [] : [{ index, row }]));
  if (valid.length === 0) return outcomes.filter((o) => o !== undefined);

  await inTransaction(pool, options.origin, `upsert into "${descriptor.name}"`, async (client) => {
    for (const statement of plan(valid, options.matchField)) {
      const sql = upsertSql(schema, descriptor, statement.columns, options.matchField);
      const run = async (batch: Pending[]) => {
        const payload = JSON.stringify(batch.map((p) => toJsonRow(descriptor, p.row)));
        const result = await client.query(sql, [payload]);
        return z.array(writtenRow).parse(result.rows);
      };
      const record = (batch: Pending[], written: z.infer<typeof writtenRow>[]) => {
        for (const w of written) {
          const pending = batch[w.ord - 1];
          if (pending) outcomes[pending.index] = { ok: true, key: w.key, created: w.created };
        }
      };
      const whole = await attempt(client, () => run(statement.rows));
      if (whole.ok) {
        record(statement.rows, whole.value);
        continue;
      }
      // One bad row fails the whole statement; retry row by row so only the bad rows fail.
      for (const pending of statement.rows) {
        const single = await attempt(client, () => run([pending]));
        if (single.ok) record([pending], single.value);
        else {
          outcomes[pending.index] = {
            ok: false,
            key: keyOf(pending.row, descriptor.primaryKey),
            error: recordErrorInfo(single.error),
          };
        }
      }
    }
  });
  return outcomes.map(
    (o, index) =>
      o ??
      failure(
        keyOf(rows[index] ?? {}, descriptor.primaryKey),
        "not_written",
        "row was not written",
      ),
  );
}

export async function deleteRows(
  pool: pg.Pool,
  schema: string,
  descriptor: ObjectDescriptor,
  keys: string[],
  options: { origin?: string } = {},
): Promise<WriteOutcome[]> {
  if (keys.length === 0) return [];
  const sql = `DELETE FROM ${qualifiedName(schema, descriptor.name)} AS t WHERE t.${quoteIdent(descriptor.primaryKey)} = ANY($1)`;
  return inTransaction(pool, options.origin, `delete from "${descriptor.name}"`, async (client) => {
    // Deletes are idempotent: a key that is already gone is a success, not an error.
    const whole = await attempt(client, () => client.query(sql, [keys]));
    if (whole.ok) return keys.map((key): WriteOutcome => ({ ok: true, key, created: false }));
    const outcomes: WriteOutcome[] = [];
    for (const key of keys) {
      const single = await attempt(client, () => client.query(sql, [[key]]));
      outcomes.push(
        single.ok
          ? { ok: true, key, created: false }
          : { ok: false, key, error: recordErrorInfo(single.error) },
      );
    }
    return outcomes;
  });
}
