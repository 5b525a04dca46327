import type { ObjectDescriptor, RecordValues } from "@duplex/core";
import type pg from "pg";
import { LogicalReplicationService, type Pgoutput, PgoutputPlugin } from "pg-logical-replication";
import { z } from "zod";
import type { ChangeRecord, SubscribeOptions, Subscription } from "../types";
import { ConnectorError } from "../types";
import type { PostgresConnectionConfig } from "./config";
import { cursors } from "./cursor";
import { MicroBatcher } from "./micro-batcher";
import { qualifiedName, quoteIdent } from "./sql";
import { parserFor } from "./values";

export interface LogicalReplicationSetup {
  slotName: string;
  publicationName: string;
  /** Whether this call created the slot (false when it already existed). */
  createdSlot: boolean;
}

async function requireLogicalWal(pool: pg.Pool): Promise<void> {
  const result = await pool.query("SHOW wal_level");
  const level = z.array(z.object({ wal_level: z.string() })).parse(result.rows)[0]?.wal_level;
  if (level !== "logical") {
    throw new ConnectorError(
      `logical replication needs wal_level=logical (the server has ${level}); use the trigger change stream or change the server setting`,
      "wal_level_not_logical",
      false,
    );
  }
}

/** Creates (or retargets) the publication and creates the pgoutput slot if missing. Idempotent. */
export async function setupLogicalReplication(
  pool: pg.Pool,
  config: PostgresConnectionConfig,
  schema: string,
  objects: ObjectDescriptor[],
): Promise<LogicalReplicationSetup> {
  await requireLogicalWal(pool);
  const publication = quoteIdent(config.publicationName);
  const tables = objects.map((o) => qualifiedName(schema, o.name)).join(", ");
  const existing = await pool.query("SELECT 1 FROM pg_publication WHERE pubname = $1", [
    config.publicationName,
  ]);
  await pool.query(
    existing.rowCount === 0
      ? `CREATE PUBLICATION ${publication} FOR TABLE ${tables}`
      : `ALTER PUBLICATION ${publication} SET TABLE ${tables}`,
  );
  const slot = await pool.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", [
    config.slotName,
  ]);
  if (slot.rowCount === 0) {
    await pool.query("SELECT pg_create_logical_replication_slot($1, 'pgoutput')", [
      config.slotName,
    ]);
  }
  return {
    slotName: config.slotName,
    publicationName: config.publicationName,
    createdSlot: slot.rowCount === 0,
  };
}

const slotState = z.array(z.object({ active: z.boolean() }));

/**
 * Drops the slot (so WAL is no longer retained for it) and the publication, if they exist. A stream
 * that was just closed keeps its walsender (and the slot) busy for a moment, so wait up to 10 s for
 * the slot to go idle; a slot still in use after that fails the drop with Postgres's own message.
 */
export async function teardownLogicalReplication(
  pool: pg.Pool,
  config: PostgresConnectionConfig,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const state = await pool.query("SELECT active FROM pg_replication_slots WHERE slot_name = $1", [
      config.slotName,
    ]);
    if (!slotState.parse(state.rows).some((s) => s.active)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await pool.query(
    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1",
    [config.slotName],
  );
  await pool.query(`DROP PUBLICATION IF EXISTS ${quoteIdent(config.publicationName)}`);
}

/** pgoutput parser whose column values come out like every other read (see values.ts). */
class DuplexPgoutputPlugin extends PgoutputPlugin {
  override parse(buffer: Buffer): Pgoutput.Message {
    const message = super.parse(buffer);
    if (message.tag === "relation") {
      for (const column of message.columns) column.parser = parserFor(column.typeOid);
    }
    return message;
  }
}

function definedValues(tuple: Record<string, unknown> | null): RecordValues | null {
  if (tuple === null) return null;
  // Unchanged TOAST values arrive as undefined: leave them out rather than null them.
  return Object.fromEntries(Object.entries(tuple).filter(([, v]) => v !== undefined));
}

interface Pending {
  change: ChangeRecord;
  /** Set on the last change of a transaction: acknowledging it releases the whole transaction. */
  ackLsn?: string;
}

function isoCommitTime(commitTime: unknown): string | null {
  // pgoutput's commit time is microseconds since 2000-01-01.
  if (typeof commitTime !== "bigint") return null;
  return new Date(Number(commitTime / 1000n) + Date.UTC(2000, 0, 1)).toISOString();
}

/**
 * Streams inserts, updates and deletes of `objects` from the slot. An LSN is acknowledged only
 * after the batch holding its transaction's last change was handed to `onChanges` and resolved,
 * so a crash replays from the last acknowledged transaction and loses nothing.
 */
export async function streamLogicalReplication(
  pool: pg.Pool,
  clientConfig: pg.ClientConfig,
  config: PostgresConnectionConfig,
  schema: string,
  objects: ObjectDescriptor[],
  options: SubscribeOptions,
): Promise<Subscription> {
  const byName = new Map(objects.map((o) => [o.name, o]));
  const { statement_timeout: _ignored, ...replicationConfig } = clientConfig;
  const service = new LogicalReplicationService(replicationConfig, {
    acknowledge: { auto: false, timeoutSeconds: 0 },
    flowControl: { enabled: true },
  });
  // Keepalive replies must never confirm more than onChanges has taken, so they repeat the
  // slot's confirmed position until this stream acknowledges something itself.
  const slot = await pool.query(
    "SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1",
    [config.slotName],
  );
  const confirmed = z.array(z.object({ lsn: z.string().nullable() })).parse(slot.rows)[0];
  if (confirmed === undefined) {
    throw new ConnectorError(
      `replication slot "${config.slotName}" does not exist; call setupLogicalReplication first`,
      "replication_slot_missing",
      false,
    );
  }
  let lastAcked: string | null = confirmed.lsn;
  const acknowledge = async (lsn: string) => {
    lastAcked = lsn;
    await service.acknowledge(lsn);
  };
  const batcher = new MicroBatcher<Pending>({
    maxBatchSize: options.maxBatchSize,
    maxDelayMs: options.maxDelayMs,
    async deliver(items) {
      await options.onChanges(items.map((i) => i.change));
      const ack = items.findLast((i) => i.ackLsn !== undefined)?.ackLsn;
      if (ack !== undefined) await acknowledge(ack);
    },
    onError: (error) => options.onError?.(error),
  });

  let txn: { changes: ChangeRecord[]; commitTime: string | null } = {
    changes: [],
    commitTime: null,
  };
  const toChange = (message: Pgoutput.Message): ChangeRecord | null => {
    if (message.tag !== "insert" && message.tag !== "update" && message.tag !== "delete")
      return null;
    const object =
      message.relation.schema === schema ? byName.get(message.relation.name) : undefined;
    if (!object) return null;
    const values =
      message.tag === "delete" ? definedValues(message.old) : definedValues(message.new);
    const keySource = message.tag === "delete" ? (message.key ?? message.old) : message.new;
    const key = keySource?.[object.primaryKey];
    const updatedAt = object.updatedAtField ? values?.[object.updatedAtField] : undefined;
    return {
      op: message.tag === "delete" ? "delete" : "upsert",
      object: object.name,
      key: key === undefined || key === null ? "" : String(key),
      record: values,
      sourceUpdatedAt: typeof updatedAt === "string" ? updatedAt : txn.commitTime,
      cursor: "",
    };
  };

  service.on("data", async (lsn: string, message: Pgoutput.Message) => {
    if (message.tag === "begin") {
      txn = { changes: [], commitTime: isoCommitTime(message.commitTime) };
      return;
    }
    if (message.tag === "commit") {
      const commitLsn = message.commitEndLsn ?? lsn;
      const cursor = cursors.lsn.encode(commitLsn);
      const pending: Pending[] = txn.changes.map((change) => ({ change: { ...change, cursor } }));
      const last = pending.at(-1);
      if (last) {
        last.ackLsn = commitLsn;
        await batcher.add(pending);
      } else if (batcher.idle) {
        await acknowledge(commitLsn);
      }
      return;
    }
    const change = toChange(message);
    if (change) txn.changes.push(change);
  });
  // The server asks for a reply on its keepalives; answer with what is really acknowledged.
  service.on("heartbeat", async (_lsn: string, _time: number, shouldRespond: boolean) => {
    if (shouldRespond && lastAcked !== null) await service.acknowledge(lastAcked);
  });
  service.on("error", (error: Error) => options.onError?.(error));

  const started = new Promise<void>((resolve, reject) => {
    service.once("start", () => resolve());
    const plugin = new DuplexPgoutputPlugin({
      protoVersion: 1,
      publicationNames: [config.publicationName],
    });
    service.subscribe(plugin, config.slotName).catch((error: unknown) => {
      reject(error);
      options.onError?.(error);
    });
  });
  await started;

  return {
    async close() {
      await batcher.close();
      await service.destroy();
    },
  };
}
