import type { FieldDef, ObjectDef } from "../schema/catalog";
import type { FieldValue, StoredRecord } from "../store/record-store";

// One object's records as seen by a unit of work: what the store had plus this unit's writes,
// with lazily built value indexes for unique / external-ID lookups.

export function indexKey(field: FieldDef, value: FieldValue): string | null {
  if (value === null || value === "") return null;
  const text = String(value);
  return field.caseSensitive ? text : text.toLowerCase();
}

export class RecordTable {
  private readonly byId = new Map<string, StoredRecord>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();

  constructor(
    readonly def: ObjectDef,
    records: readonly StoredRecord[],
  ) {
    for (const r of records) this.byId.set(r.id, r);
  }

  get(id: string): StoredRecord | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<StoredRecord> {
    return this.byId.values();
  }

  put(record: StoredRecord): void {
    const previous = this.byId.get(record.id);
    for (const [fieldName, index] of this.indexes) {
      const field = this.def.fieldByLowerName.get(fieldName);
      if (!field) continue;
      const oldKey = previous ? indexKey(field, previous.fields[field.name] ?? null) : null;
      const newKey = indexKey(field, record.fields[field.name] ?? null);
      if (oldKey === newKey) continue;
      if (oldKey !== null) index.get(oldKey)?.delete(record.id);
      if (newKey !== null) addToIndex(index, newKey, record.id);
    }
    this.byId.set(record.id, record);
  }

  /** Live (not deleted) records whose field equals value (case-insensitive unless configured). */
  findLive(field: FieldDef, value: FieldValue): StoredRecord[] {
    const key = indexKey(field, value);
    if (key === null) return [];
    const ids = this.index(field).get(key);
    if (!ids) return [];
    const out: StoredRecord[] = [];
    for (const id of ids) {
      const r = this.byId.get(id);
      if (r && r.deletedDate === null) out.push(r);
    }
    return out;
  }

  private index(field: FieldDef): Map<string, Set<string>> {
    const name = field.name.toLowerCase();
    let index = this.indexes.get(name);
    if (!index) {
      index = new Map();
      for (const r of this.byId.values()) {
        const key = indexKey(field, r.fields[field.name] ?? null);
        if (key !== null) addToIndex(index, key, r.id);
      }
      this.indexes.set(name, index);
    }
    return index;
  }
}

function addToIndex(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) {
    ids = new Set();
    index.set(key, ids);
  }
  ids.add(id);
}
