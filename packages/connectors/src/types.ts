import type { ObjectDescriptor, RecordValues } from "@duplex/core";

/**
 * One change read from a source. `cursor` is opaque to everyone but the connector that made it;
 * the engine stores the last one it processed as the flow's watermark.
 */
export interface ChangeRecord {
  op: "upsert" | "delete";
  object: string;
  /** The source primary key, as a string. */
  key: string;
  /** Current values for upserts; the last known values (or null) for deletes. */
  record: RecordValues | null;
  /** The source's own updated-at for this change (ISO 8601), never the time Duplex saw it. */
  sourceUpdatedAt: string | null;
  cursor: string;
  /**
   * True when the change was returned only because timestamp reads re-read an overlap window
   * before the watermark: it may be one Duplex already processed (the engine checks the link).
   */
  overlap?: boolean;
}

export interface ChangePage {
  changes: ChangeRecord[];
  /** Cursor to resume from; equal to the input when nothing new was read. */
  nextCursor: string | null;
  hasMore: boolean;
}

export interface ReadChangesOptions {
  /** Resume point from a previous page or the stored watermark; null reads from the beginning. */
  since: string | null;
  /** Re-read this many milliseconds before `since` (timestamp cursors), so late commits are not missed. */
  overlapMs: number;
  limit: number;
}

export interface RecordPage {
  records: RecordValues[];
  nextCursor: string | null;
}

export type WriteOutcome =
  | { ok: true; key: string; created: boolean }
  | { ok: false; key: string | null; error: ConnectorErrorInfo };

export interface ConnectorErrorInfo {
  code: string;
  message: string;
  transient: boolean;
  fields?: string[];
}

export interface UpsertOptions {
  /** The field the batch is matched on: the primary key or an external-ID field. */
  matchField: string;
  /**
   * Who is writing (e.g. the sync id). Systems that can record it next to their own change log
   * (Postgres trigger capture) do, so Duplex's own writes are recognizable there; others ignore it.
   */
  origin?: string;
}

export interface DeleteOptions {
  /** As in UpsertOptions. */
  origin?: string;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface SubscribeOptions {
  objects: string[];
  /**
   * Where to resume: a ChangeRecord.cursor from an earlier delivery. Absent or null starts at the
   * current position. Streams that keep their own position on the server (a logical replication
   * slot) ignore it.
   */
  since?: string | null;
  /** Largest batch handed to `onChanges`. */
  maxBatchSize: number;
  /** Longest time an event waits before its batch is flushed. */
  maxDelayMs: number;
  onChanges(changes: ChangeRecord[]): Promise<void>;
  onError?(error: unknown): void;
}

/**
 * Every system Duplex syncs speaks this interface. It is batch-shaped on purpose: the engine never
 * asks for one record at a time. Writes return one outcome per input row, in input order, so a bad
 * record fails alone.
 */
export interface Connector {
  readonly kind: string;
  /** Cheap round trip that proves the credentials work; throws a ConnectorError naming the problem. */
  test(): Promise<void>;
  describe(): Promise<ObjectDescriptor[]>;
  describeObject(object: string): Promise<ObjectDescriptor>;
  readChanges(object: string, options: ReadChangesOptions): Promise<ChangePage>;
  readAll(
    object: string,
    options: { cursor: string | null; pageSize: number },
  ): Promise<RecordPage>;
  readByKeys(object: string, field: string, keys: string[]): Promise<RecordValues[]>;
  upsert(object: string, rows: RecordValues[], options: UpsertOptions): Promise<WriteOutcome[]>;
  /**
   * Creates new records whose key the system assigns (SOR mode: a record born on the other side
   * is created in the SOR). Each outcome carries the new key.
   */
  insert(object: string, rows: RecordValues[], options?: DeleteOptions): Promise<WriteOutcome[]>;
  delete(object: string, keys: string[], options?: DeleteOptions): Promise<WriteOutcome[]>;
  /** Present only where the system can push changes (logical replication, CDC, binlog). */
  subscribe?(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

/** Thrown for failures of a whole call (not of one record). `transient` decides whether Temporal retries. */
export class ConnectorError extends Error {
  override readonly name = "ConnectorError";
  constructor(
    message: string,
    readonly code: string,
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
