import type { ObjectDescriptor } from "@duplex/core";
import type pg from "pg";
import { z } from "zod";
import type { ChangePage, ChangeRecord } from "../types";
import { ConnectorError } from "../types";
import { cursors } from "./cursor";
import { sqlState, toConnectorError } from "./errors";
import { queryRecords, text } from "./rows";
import { qualifiedName } from "./sql";

/*
 * Reading the trigger change table without missing late commits.
 *
 * `seq` comes from a sequence, which hands out numbers at insert time, not commit time: a
 * transaction can take seq 10, stay open, and commit after seq 11 has been read. Paging on seq
 * alone would skip 10 forever. So each page is read in one REPEATABLE READ snapshot together with
 * that snapshot's list of still-open transactions (`txid_snapshot_xip`), and the cursor keeps both:
 * the next read takes `seq > cursor.seq OR txid IN cursor.open`. A transaction that was open can
 * only have rows we have not seen; one that started later only has higher seqs. Nothing is missed,
 * nothing is returned twice, and per-row order is kept (a later change to a row always has a
 * higher seq, because it waited for the earlier one's row lock). `overlapMs` is not needed here.
 *
 * When a page is cut short below `cursor.seq` (a formerly open transaction's rows are being read
 * out), the finished transactions go to `resume` with `after` = the last seq returned, so the
 * next page continues inside them.
 */

const metaRow = z.object({
  seq: z.string(),
  table_name: z.string(),
  op: z.enum(["insert", "update", "delete"]),
  pk: z.string().nullable(),
  source_updated_at: z.string().nullable(),
  committed_at: z.string(),
});

const META_SQL = `
SELECT c.seq::text AS seq, c.table_name, c.op, c.pk, c.source_updated_at, c.committed_at
FROM duplex_cdc.changes AS c
WHERE c.table_schema = $1 AND c.table_name = ANY($2::text[])
  AND (c.seq > $3::bigint OR c.txid = ANY($4::bigint[])
    OR (c.txid = ANY($5::bigint[]) AND c.seq > $6::bigint))
ORDER BY c.seq LIMIT $7`;

type FeedCursor = ReturnType<typeof cursors.changeTable.decode>;

/** The cursor after returning rows up to `lastSeq`; `complete` when nothing matching is left. */
export function advance(
  from: FeedCursor,
  open: string[],
  lastSeq: string,
  complete: boolean,
): string {
  const seq = BigInt(lastSeq) > BigInt(from.seq) ? lastSeq : from.seq;
  if (complete || BigInt(lastSeq) >= BigInt(from.seq))
    return cursors.changeTable.encode({ seq, open });
  const running = new Set(open);
  const resume = [...new Set([...from.open, ...(from.resume ?? [])])].filter(
    (t) => !running.has(t),
  );
  return cursors.changeTable.encode({ seq, open, resume, after: lastSeq });
}

export async function readChangeFeed(
  pool: pg.Pool,
  schema: string,
  objects: ObjectDescriptor[],
  since: string | null,
  limit: number,
): Promise<ChangePage> {
  const from: FeedCursor =
    since === null
      ? { v: 1, mode: "changeTable", seq: "0", open: [] }
      : cursors.changeTable.decode(since);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toConnectorError(error, "read change table");
  }
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const meta = z
      .array(metaRow)
      .parse(
        (
          await client.query(META_SQL, [
            schema,
            objects.map((o) => o.name),
            from.seq,
            from.open,
            from.resume ?? [],
            from.after ?? "0",
            limit + 1,
          ])
        ).rows,
      );
    const openResult = await client.query(
      "SELECT txid_snapshot_xip(txid_current_snapshot())::text AS txid",
    );
    const open = z
      .array(z.object({ txid: z.string() }))
      .parse(openResult.rows)
      .map((r) => r.txid);
    const page = meta.slice(0, limit);

    // Values are rebuilt with the table's own row type, so they come out exactly as readAll
    // returns them (exact numerics, ISO timestamps, base64 bytea), not as jsonb approximations.
    const values = new Map<string, Record<string, unknown>>();
    for (const object of objects) {
      const seqs = page.filter((m) => m.table_name === object.name).map((m) => m.seq);
      if (seqs.length === 0) continue;
      const rows = await queryRecords(
        client,
        `SELECT c.seq::text, r.* FROM duplex_cdc.changes AS c
         CROSS JOIN LATERAL jsonb_populate_record(NULL::${qualifiedName(schema, object.name)}, coalesce(c.row, c.old)) AS r
         WHERE c.seq = ANY($1::bigint[])`,
        [seqs],
        1,
      );
      for (const row of rows) values.set(text(row.extras[0]), row.record);
    }
    await client.query("COMMIT");

    const complete = meta.length <= limit;
    const changes = page.map(
      (m, i): ChangeRecord => ({
        op: m.op === "delete" ? "delete" : "upsert",
        object: m.table_name,
        key: m.pk ?? "",
        record: values.get(m.seq) ?? null,
        sourceUpdatedAt: m.source_updated_at ?? m.committed_at,
        cursor: advance(from, open, m.seq, complete && i === page.length - 1),
      }),
    );
    const last = page.at(-1);
    return {
      changes,
      nextCursor: last === undefined ? since : advance(from, open, last.seq, complete),
      hasMore: !complete,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (sqlState(error) === "42P01") {
      throw new ConnectorError(
        "change capture is not installed in this database; run installChangeCapture first",
        "change_capture_not_installed",
        false,
        { cause: error },
      );
    }
    throw toConnectorError(error, "read change table");
  } finally {
    client.release();
  }
}
