import type { ObjectDescriptor, RecordValues } from "@duplex/core";
import type pg from "pg";
import { z } from "zod";
import type { WriteOutcome } from "../types";
import { recordErrorInfo } from "./errors";
import { identList, qualifiedName, quoteIdent } from "./sql";
import { attempt, inTransaction } from "./transaction";
import { failure, keyOf, toJsonRow } from "./write";

const insertedRow = z.object({ key: z.string() });

/**
 * Inserts rows whose primary key the database assigns, returning each new key. One statement per
 * row (inside one transaction, each under a savepoint): it is the only way to pair a generated key
 * with its input row without relying on RETURNING order, and SOR inserts are the rare path.
 */
export async function insertRows(
  pool: pg.Pool,
  schema: string,
  descriptor: ObjectDescriptor,
  rows: RecordValues[],
  options: { origin?: string } = {},
): Promise<WriteOutcome[]> {
  if (rows.length === 0) return [];
  const table = qualifiedName(schema, descriptor.name);
  const pk = quoteIdent(descriptor.primaryKey);
  return inTransaction(pool, options.origin, `insert into "${descriptor.name}"`, async (client) => {
    const outcomes: WriteOutcome[] = [];
    for (const row of rows) {
      const columns = Object.keys(row).filter((name) => row[name] !== undefined);
      const unknown = columns.filter((name) => !descriptor.fields.some((f) => f.name === name));
      if (unknown.length > 0) {
        outcomes.push(
          failure(null, "unknown_field", `no such column: ${unknown.join(", ")}`, unknown),
        );
        continue;
      }
      const values = columns.map((c) => `r.${quoteIdent(c)}`).join(", ");
      const sql =
        columns.length === 0
          ? `INSERT INTO ${table} DEFAULT VALUES RETURNING ${pk}::text AS key`
          : `INSERT INTO ${table} (${identList(columns)})
             SELECT ${values} FROM jsonb_populate_record(NULL::${table}, $1::jsonb) AS r
             RETURNING ${pk}::text AS key`;
      const params = columns.length === 0 ? [] : [JSON.stringify(toJsonRow(descriptor, row))];
      const result = await attempt(client, () => client.query(sql, params));
      if (result.ok) {
        const [inserted] = z.array(insertedRow).parse(result.value.rows);
        outcomes.push(
          inserted
            ? { ok: true, key: inserted.key, created: true }
            : failure(null, "not_written", "row was not written"),
        );
      } else {
        outcomes.push({
          ok: false,
          key: keyOf(row, descriptor.primaryKey),
          error: recordErrorInfo(result.error),
        });
      }
    }
    return outcomes;
  });
}
