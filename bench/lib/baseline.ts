import pg from "pg";
import { PLAIN_FIELDS } from "./pg-dataset";

const COLUMNS = ["source_id", "name", "email", "quantity", ...PLAIN_FIELDS];
const READ_PAGE = 5_000;
const WRITE_BATCH = 1_000;

function transformed(row: Record<string, unknown>): unknown[] {
  const name = typeof row.name === "string" ? row.name.trim() : row.name;
  const email = typeof row.email === "string" ? row.email.toLowerCase() : row.email;
  // attrs is jsonb: pg parses it into an object, and it must go back as JSON text.
  const plain = PLAIN_FIELDS.map((f) => (f === "attrs" ? JSON.stringify(row[f]) : row[f]));
  return [String(row.id), name, email, row.quantity, ...plain];
}

/**
 * What Duplex is measured against: the same rows, read by keyset pages and written by a plain
 * batched INSERT … ON CONFLICT from one Node process with `pg`, with the same three transforms.
 * Returns rows per second.
 */
export async function baselineCopy(
  sourceUrl: string,
  targetUrl: string,
  table: string,
): Promise<{ rows: number; rowsPerSecond: number }> {
  const source = new pg.Client({ connectionString: sourceUrl });
  const target = new pg.Client({ connectionString: targetUrl });
  await source.connect();
  await target.connect();
  const set = COLUMNS.filter((c) => c !== "source_id")
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(", ");
  const started = performance.now();
  let rows = 0;
  try {
    let after = "0";
    for (;;) {
      const page = await source.query("SELECT * FROM items WHERE id > $1 ORDER BY id LIMIT $2", [
        after,
        READ_PAGE,
      ]);
      if (page.rows.length === 0) break;
      for (let i = 0; i < page.rows.length; i += WRITE_BATCH) {
        const chunk = page.rows.slice(i, i + WRITE_BATCH);
        const values: unknown[] = [];
        const tuples = chunk.map((row: Record<string, unknown>, r) => {
          values.push(...transformed(row));
          return `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(", ")})`;
        });
        await target.query(
          `INSERT INTO ${table} (${COLUMNS.join(", ")}) VALUES ${tuples.join(", ")}
           ON CONFLICT (source_id) DO UPDATE SET ${set}`,
          values,
        );
      }
      rows += page.rows.length;
      const last: Record<string, unknown> | undefined = page.rows.at(-1);
      after = String(last?.id ?? after);
    }
  } finally {
    await source.end();
    await target.end();
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows, rowsPerSecond: rows / seconds };
}
