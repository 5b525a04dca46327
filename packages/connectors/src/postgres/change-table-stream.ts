import type { ObjectDescriptor } from "@duplex/core";
import pg from "pg";
import { z } from "zod";
import type { SubscribeOptions, Subscription } from "../types";
import { CHANGES_CHANNEL } from "./change-capture";
import { readChangeFeed } from "./change-feed";
import { cursors } from "./cursor";
import { toConnectorError } from "./errors";

/** The position "right now": the highest seq plus the transactions still open at that moment. */
async function headCursor(pool: pg.Pool): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const head = await client.query(
      "SELECT coalesce(max(seq), 0)::text AS seq FROM duplex_cdc.changes",
    );
    const open = await client.query(
      "SELECT txid_snapshot_xip(txid_current_snapshot())::text AS txid",
    );
    await client.query("COMMIT");
    const seq = z.array(z.object({ seq: z.string() })).parse(head.rows)[0]?.seq ?? "0";
    const txids = z
      .array(z.object({ txid: z.string() }))
      .parse(open.rows)
      .map((r) => r.txid);
    return cursors.changeTable.encode({ seq, open: txids });
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw toConnectorError(error, "start change stream (is change capture installed?)");
  } finally {
    client.release();
  }
}

export interface ChangeTableStreamOptions extends SubscribeOptions {
  pollIntervalMs: number;
}

/**
 * Streams the trigger change table: LISTEN wakes the reader, a timer covers notifications lost
 * while the listening connection was down. A wake-up waits at most `maxDelayMs` so changes from
 * several transactions travel together; the reader then drains in batches of `maxBatchSize`. The
 * cursor advances only after `onChanges` resolves, so a failed batch is delivered again.
 */
export async function streamChangeTable(
  pool: pg.Pool,
  clientConfig: pg.ClientConfig,
  schema: string,
  objects: ObjectDescriptor[],
  options: ChangeTableStreamOptions,
): Promise<Subscription> {
  let cursor = options.since ?? (await headCursor(pool));
  const watched = new Set(objects.map((o) => `${schema}.${o.name}`));
  let closed = false;
  let notified = 0;
  let wakeTimer: NodeJS.Timeout | undefined;
  let draining: Promise<void> = Promise.resolve();
  let listener: pg.Client | undefined;

  const report = (error: unknown) => {
    if (!closed) options.onError?.(error);
  };

  const drain = async () => {
    notified = 0;
    let more = true;
    while (more && !closed) {
      const page = await readChangeFeed(pool, schema, objects, cursor, options.maxBatchSize);
      if (page.changes.length > 0) await options.onChanges(page.changes);
      cursor = page.nextCursor ?? cursor;
      more = page.hasMore;
    }
  };

  const wake = (delayMs: number) => {
    if (closed || wakeTimer !== undefined) return;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      draining = draining.then(drain).catch(report);
    }, delayMs);
  };

  const listen = async () => {
    const client = new pg.Client(clientConfig);
    client.on("error", (error) => {
      report(error);
      if (listener === client) listener = undefined;
    });
    client.on("notification", (message) => {
      if (message.channel !== CHANGES_CHANNEL || !watched.has(message.payload ?? "")) return;
      notified += 1;
      // Each notification is at least one row, so a full batch is certainly waiting.
      if (notified >= options.maxBatchSize && wakeTimer !== undefined) {
        clearTimeout(wakeTimer);
        wakeTimer = undefined;
        wake(0);
      } else wake(options.maxDelayMs);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    listener = client;
  };

  await listen();
  // Catch up on anything committed between `since` and the LISTEN before returning, so that
  // later notifications start fresh micro-batches.
  await drain();
  const poll = setInterval(() => {
    if (listener === undefined && !closed) listen().catch(report);
    wake(0);
  }, options.pollIntervalMs);

  return {
    async close() {
      closed = true;
      clearInterval(poll);
      if (wakeTimer !== undefined) clearTimeout(wakeTimer);
      await draining;
      await listener?.end().catch(() => undefined);
    },
  };
}
