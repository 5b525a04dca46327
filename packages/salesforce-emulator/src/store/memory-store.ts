import type { RecordStore, StoredRecord } from "./record-store";

/** Fast, process-local store for tests and throwaway sandboxes. */
export class MemoryRecordStore implements RecordStore {
  private readonly tables = new Map<string, Map<string, StoredRecord>>();
  private nextSequence = 1;

  async init(): Promise<void> {}

  async listRecords(object: string): Promise<StoredRecord[]> {
    return [...(this.tables.get(object)?.values() ?? [])];
  }

  async getRecords(object: string, ids: readonly string[]): Promise<StoredRecord[]> {
    const table = this.tables.get(object);
    if (!table) return [];
    const out: StoredRecord[] = [];
    for (const id of ids) {
      const record = table.get(id);
      if (record) out.push(record);
    }
    return out;
  }

  async saveRecords(records: readonly StoredRecord[]): Promise<void> {
    for (const record of records) {
      let table = this.tables.get(record.object);
      if (!table) {
        table = new Map();
        this.tables.set(record.object, table);
      }
      table.set(record.id, record);
    }
  }

  async allocateSequence(count: number): Promise<number> {
    const first = this.nextSequence;
    this.nextSequence += count;
    return first;
  }

  async close(): Promise<void> {}
}
