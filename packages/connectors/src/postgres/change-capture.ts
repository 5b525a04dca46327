import type { ObjectDescriptor } from "@duplex/core";
import type pg from "pg";
import { inTransaction } from "./transaction";

/** The channel the capture trigger notifies; the payload is `<schema>.<table>`. */
export const CHANGES_CHANNEL = "duplex_changes";

// Static DDL only: table and column names never appear in it. Per-table triggers are made by
// duplex_cdc.track(), which quotes names server-side with format(%I, %L) and takes them as bind
// parameters. `txid` lets readers know which transactions were still open (see change-feed.ts).
const SETUP_SQL = `
CREATE SCHEMA IF NOT EXISTS duplex_cdc;
CREATE TABLE IF NOT EXISTS duplex_cdc.changes (
  seq bigserial PRIMARY KEY,
  table_schema text NOT NULL,
  table_name text NOT NULL,
  op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  pk text,
  row jsonb,
  old jsonb,
  txid bigint NOT NULL DEFAULT txid_current(),
  origin text,
  source_updated_at timestamptz,
  committed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS changes_table_seq ON duplex_cdc.changes (table_schema, table_name, seq);
CREATE INDEX IF NOT EXISTS changes_txid ON duplex_cdc.changes (txid);

CREATE OR REPLACE FUNCTION duplex_cdc.capture() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  new_doc jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  old_doc jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  doc jsonb := coalesce(new_doc, old_doc);
  updated_at_column text := nullif(TG_ARGV[1], '');
BEGIN
  INSERT INTO duplex_cdc.changes
    (table_schema, table_name, op, pk, row, old, origin, source_updated_at)
  VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, lower(TG_OP), doc ->> TG_ARGV[0], new_doc, old_doc,
    nullif(current_setting('duplex.origin', true), ''),
    CASE WHEN updated_at_column IS NOT NULL THEN (doc ->> updated_at_column)::timestamptz END);
  PERFORM pg_notify('${CHANGES_CHANNEL}', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION duplex_cdc.track(s text, t text, pk text, updated_at text)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS duplex_cdc_capture ON %I.%I', s, t);
  EXECUTE format('CREATE TRIGGER duplex_cdc_capture AFTER INSERT OR UPDATE OR DELETE ON %I.%I '
    'FOR EACH ROW EXECUTE FUNCTION duplex_cdc.capture(%L, %L)', s, t, pk, coalesce(updated_at, ''));
END
$fn$;

CREATE OR REPLACE FUNCTION duplex_cdc.untrack(s text, t text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF to_regclass(format('%I.%I', s, t)) IS NOT NULL THEN
    EXECUTE format('DROP TRIGGER IF EXISTS duplex_cdc_capture ON %I.%I', s, t);
  END IF;
END
$fn$;`;

/** Serializes concurrent installs and removals (any constant works; this one spells "dplx"). */
const LOCK_SQL = "SELECT pg_advisory_xact_lock(1685089400)";

/**
 * Creates the change table and the capture triggers for `objects`. Idempotent: running it again
 * replaces the triggers (picking up a renamed updated-at column) and keeps captured changes.
 */
export async function installChangeCapture(
  pool: pg.Pool,
  schema: string,
  objects: ObjectDescriptor[],
): Promise<void> {
  await inTransaction(pool, undefined, "install change capture", async (client) => {
    await client.query(LOCK_SQL);
    await client.query(SETUP_SQL);
    for (const object of objects) {
      await client.query("SELECT duplex_cdc.track($1, $2, $3, $4)", [
        schema,
        object.name,
        object.primaryKey,
        object.updatedAtField ?? null,
      ]);
    }
  });
}

/**
 * Drops the capture triggers of `objects`. When no table is captured any more, the duplex_cdc
 * schema (with its captured changes) is dropped too. Safe to run when nothing is installed.
 */
export async function removeChangeCapture(
  pool: pg.Pool,
  schema: string,
  objects: string[],
): Promise<void> {
  await inTransaction(pool, undefined, "remove change capture", async (client) => {
    await client.query(LOCK_SQL);
    const installed = await client.query(
      "SELECT to_regproc('duplex_cdc.untrack') IS NOT NULL AS ok",
    );
    if (installed.rows[0]?.ok !== true) return;
    for (const object of objects) {
      await client.query("SELECT duplex_cdc.untrack($1, $2)", [schema, object]);
    }
    const remaining = await client.query(
      "SELECT 1 FROM pg_trigger WHERE tgfoid = 'duplex_cdc.capture'::regproc LIMIT 1",
    );
    if (remaining.rowCount === 0) await client.query("DROP SCHEMA duplex_cdc CASCADE");
  });
}

/** Tables of `schema` that currently have the capture trigger. */
export async function capturedTables(pool: pg.Pool, schema: string): Promise<string[]> {
  const result = await pool.query(
    `SELECT c.relname::text AS name FROM pg_trigger g
     JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE to_regproc('duplex_cdc.capture') IS NOT NULL AND g.tgfoid = to_regproc('duplex_cdc.capture')
       AND n.nspname = $1 ORDER BY 1`,
    [schema],
  );
  return result.rows.flatMap((row: Record<string, unknown>) =>
    typeof row.name === "string" ? [row.name] : [],
  );
}
