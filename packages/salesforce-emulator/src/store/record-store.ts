// The storage boundary. Deliberately narrow: whole records in, whole records out, plus an ID
// sequence. Every Salesforce semantic (validation, system fields, SOQL) lives above it, so the
// in-memory and Postgres implementations behave identically.

export type FieldValue = string | number | boolean | null;

export interface StoredRecord {
  /** 18-char record ID. */
  readonly id: string;
  /** Object API name, e.g. "Account". */
  readonly object: string;
  /** All field values by API name, system fields included. Treat as immutable. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** When the record went to the recycle bin (Salesforce datetime format), else null. */
  readonly deletedDate: string | null;
}

export interface RecordStore {
  /** Creates tables etc. Idempotent. */
  init(): Promise<void>;
  /** Every record of an object, deleted ones included, in insertion order. */
  listRecords(object: string): Promise<StoredRecord[]>;
  /** The records of an object with the given IDs (missing IDs are skipped). */
  getRecords(object: string, ids: readonly string[]): Promise<StoredRecord[]>;
  /** Inserts or replaces records by ID, atomically. */
  saveRecords(records: readonly StoredRecord[]): Promise<void>;
  /** Reserves `count` consecutive sequence numbers and returns the first. */
  allocateSequence(count: number): Promise<number>;
  close(): Promise<void>;
}
