import type pg from "pg";

/** Twelve columns of mixed types, the shape both bulk benchmarks read from. */
export const SOURCE_SCHEMA = `CREATE TABLE items (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  email text,
  amount numeric(12,2),
  quantity integer,
  active boolean,
  score double precision,
  born date,
  uid uuid,
  attrs jsonb,
  note text,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;

/** The copy in B: the same values plus the SOR key (source_id) the sync matches on. */
export function copySchema(table: string): string {
  return `CREATE TABLE ${table} (
  id bigserial PRIMARY KEY,
  source_id text UNIQUE,
  name text,
  email text,
  amount numeric(12,2),
  quantity integer,
  active boolean,
  score double precision,
  born date,
  uid uuid,
  attrs jsonb,
  note text,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;
}

/** Fields copied as they are; name, email and quantity go through one transform each. */
export const PLAIN_FIELDS = ["amount", "active", "score", "born", "uid", "attrs", "note"] as const;

export async function seedItems(pool: pg.Pool, rows: number): Promise<void> {
  // Names carry spaces and emails capitals, so the trim and lower-case transforms do real work.
  await pool.query(
    `INSERT INTO items (name, email, amount, quantity, active, score, born, uid, attrs, note)
     SELECT '  Name ' || g || ' ', 'User' || g || '@Example.COM', (g % 100000) / 100.0, g % 500,
       g % 2 = 0, g * 0.25, date '2000-01-01' + (g % 9000), md5(g::text)::uuid,
       jsonb_build_object('k', g, 'tag', 't' || (g % 7)), repeat('n', 20 + g % 40)
     FROM generate_series(1, $1::int) AS g`,
    [rows],
  );
}

/**
 * The incremental case: every row is touched (updated_at moves, so a poll sees all of them), but
 * only every tenth row changes a synced value. The other 90% must end as skipped-equal.
 */
export async function touchAllChangeTenth(pool: pg.Pool): Promise<number> {
  const result = await pool.query(
    "UPDATE items SET updated_at = now(), amount = CASE WHEN id % 10 = 0 THEN amount + 1 ELSE amount END",
  );
  const changed = await pool.query("SELECT count(*)::int AS n FROM items WHERE id % 10 = 0");
  return result.rowCount === null ? 0 : Number(changed.rows[0]?.n ?? 0);
}
