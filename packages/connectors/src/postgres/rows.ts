import type { RecordValues } from "@duplex/core";
import type pg from "pg";

export interface RowWithExtras {
  /** The leading computed columns of the select list (keys, cursors), in order. */
  extras: unknown[];
  record: RecordValues;
}

/**
 * Runs a query whose select list is `<extras...>, t.*` in array mode, so the computed columns can
 * never collide with a table column of the same name.
 */
export async function queryRecords(
  db: pg.Pool | pg.PoolClient,
  text: string,
  values: unknown[],
  extraCount: number,
): Promise<RowWithExtras[]> {
  const result = await db.query<unknown[]>({ text, values, rowMode: "array" });
  const names = result.fields.map((f) => f.name);
  return result.rows.map((row) => {
    const record: RecordValues = {};
    for (let i = extraCount; i < names.length; i++) {
      const name = names[i];
      if (name !== undefined) record[name] = row[i];
    }
    return { extras: row.slice(0, extraCount), record };
  });
}

export function text(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}
