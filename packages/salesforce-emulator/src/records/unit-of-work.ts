import { normalizeId } from "../ids/salesforce-id";
import type { Catalog, ObjectDef } from "../schema/catalog";
import { type RecordError, recordError } from "../server/api-error";
import type { FieldValue, RecordStore, StoredRecord } from "../store/record-store";
import { formatDatetime } from "./datetime-format";
import type { IdAllocator } from "./id-allocator";
import { prepareInput, type WriteMode } from "./record-input";
import { RecordTable } from "./record-table";

// One DML request (a single-record call, a collection, a bulk batch). Operations apply to an
// overlay over the store so later records in a batch see earlier ones (duplicate detection,
// lookups); nothing reaches the store until commit(), which is how allOrNone rolls back.

export type DmlFailureKind = "invalid" | "notFound" | "deleted" | "multiple";

export type DmlOutcome =
  | { ok: true; id: string; created: boolean }
  | {
      ok: false;
      id: string | null;
      kind: DmlFailureKind;
      errors: RecordError[];
      matches?: string[];
    };

export interface DmlDeps {
  store: RecordStore;
  catalog: Catalog;
  ids: IdAllocator;
  userId: string;
  clock: () => number;
}

const fail = (id: string | null, kind: DmlFailureKind, errors: RecordError[]): DmlOutcome => ({
  ok: false,
  id,
  kind,
  errors,
});

export class UnitOfWork {
  private readonly tables = new Map<string, Promise<RecordTable>>();
  private readonly dirty = new Map<string, StoredRecord>();

  constructor(private readonly deps: DmlDeps) {}

  table(def: ObjectDef): Promise<RecordTable> {
    let table = this.tables.get(def.name);
    if (!table) {
      table = this.deps.store.listRecords(def.name).then((rows) => new RecordTable(def, rows));
      this.tables.set(def.name, table);
    }
    return table;
  }

  async create(def: ObjectDef, input: Record<string, unknown>): Promise<DmlOutcome> {
    if (!def.createable) {
      return fail(null, "invalid", [
        recordError(
          "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
          `entity type cannot be inserted: ${def.name}`,
        ),
      ]);
    }
    const prepared = await this.prepare(def, input, "create");
    if (!prepared.ok) return fail(null, "invalid", prepared.errors);
    const values = new Map<string, FieldValue>();
    for (const f of def.fields) {
      if (f.defaultValue !== null && f.createable) values.set(f.name, f.defaultValue);
      else if (f.type === "boolean" && !f.system) values.set(f.name, false);
    }
    for (const [k, v] of prepared.values) values.set(k, v);
    const missing = def.fields
      .filter((f) => f.required && f.createable && (values.get(f.name) ?? null) === null)
      .map((f) => f.name);
    if (missing.length > 0) {
      return fail(null, "invalid", [
        recordError(
          "REQUIRED_FIELD_MISSING",
          `Required fields are missing: [${missing.join(", ")}]`,
          missing,
        ),
      ]);
    }
    const table = await this.table(def);
    const duplicate = this.findDuplicate(table, values, null);
    if (duplicate) return fail(null, "invalid", [duplicate]);
    const id = await this.deps.ids.mint(def.keyPrefix);
    const now = formatDatetime(this.deps.clock());
    const { userId } = this.deps;
    values.set("Id", id);
    values.set("IsDeleted", false);
    for (const name of ["CreatedDate", "LastModifiedDate", "SystemModstamp"]) values.set(name, now);
    values.set("CreatedById", userId);
    values.set("LastModifiedById", userId);
    this.write(table, {
      id,
      object: def.name,
      fields: this.materialize(def, values),
      deletedDate: null,
    });
    return { ok: true, id, created: true };
  }

  async update(def: ObjectDef, rawId: string, input: Record<string, unknown>): Promise<DmlOutcome> {
    const found = await this.findExisting(def, rawId);
    if (!found.ok) return found.outcome;
    const { table, record } = found;
    if (!def.updateable) {
      return fail(record.id, "invalid", [
        recordError(
          "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
          `entity type cannot be updated: ${def.name}`,
        ),
      ]);
    }
    const prepared = await this.prepare(def, input, "update");
    if (!prepared.ok) return fail(record.id, "invalid", prepared.errors);
    const cleared = def.fields
      .filter(
        (f) => f.required && prepared.values.has(f.name) && prepared.values.get(f.name) === null,
      )
      .map((f) => f.name);
    if (cleared.length > 0) {
      return fail(record.id, "invalid", [
        recordError(
          "REQUIRED_FIELD_MISSING",
          `Required fields are missing: [${cleared.join(", ")}]`,
          cleared,
        ),
      ]);
    }
    const values = new Map<string, FieldValue>(Object.entries(record.fields));
    for (const [k, v] of prepared.values) values.set(k, v);
    const duplicate = this.findDuplicate(table, values, record.id);
    if (duplicate) return fail(record.id, "invalid", [duplicate]);
    const now = formatDatetime(this.deps.clock());
    values.set("LastModifiedDate", now);
    values.set("LastModifiedById", this.deps.userId);
    values.set("SystemModstamp", now);
    this.write(table, { ...record, fields: this.materialize(def, values) });
    return { ok: true, id: record.id, created: false };
  }

  /** Upsert by external ID. `matchValue` comes from the URL or the record body. */
  async upsert(
    def: ObjectDef,
    externalIdField: string,
    matchValue: string,
    input: Record<string, unknown>,
    options: { updateOnly?: boolean } = {},
  ): Promise<DmlOutcome> {
    const field = def.fieldByLowerName.get(externalIdField.toLowerCase());
    if (!field || !(field.externalId || field.name === "Id")) {
      return fail(null, "notFound", [
        recordError(
          "NOT_FOUND",
          `Provided external ID field does not exist or is not accessible: ${externalIdField}`,
        ),
      ]);
    }
    const body = Object.fromEntries(
      Object.entries(input).filter(([k]) => k.toLowerCase() !== field.name.toLowerCase()),
    );
    if (field.name === "Id") {
      return matchValue === "" ? this.create(def, body) : this.update(def, matchValue, body);
    }
    const matches = (await this.table(def)).findLive(field, matchValue);
    if (matches.length > 1) {
      const ids = matches.map((m) => m.id);
      const error = recordError(
        "DUPLICATE_EXTERNAL_ID",
        `${field.label}: more than one record found for external id field: [${ids.join(", ")}]`,
        [field.name],
      );
      return { ok: false, id: null, kind: "multiple", errors: [error], matches: ids };
    }
    const match = matches[0];
    if (match) return this.update(def, match.id, body);
    if (options.updateOnly) {
      return fail(null, "notFound", [
        recordError("NOT_FOUND", "The requested resource does not exist"),
      ]);
    }
    return this.create(def, { ...body, [field.name]: matchValue });
  }

  async remove(def: ObjectDef, rawId: string): Promise<DmlOutcome> {
    const found = await this.findExisting(def, rawId);
    if (!found.ok) return found.outcome;
    if (!def.deletable) {
      return fail(found.record.id, "invalid", [
        recordError(
          "INSUFFICIENT_ACCESS_OR_READONLY",
          `entity type cannot be deleted: ${def.name}`,
        ),
      ]);
    }
    await this.softDelete(found.table, found.record, formatDatetime(this.deps.clock()));
    return { ok: true, id: found.record.id, created: false };
  }

  async commit(): Promise<void> {
    if (this.dirty.size === 0) return;
    const records = [...this.dirty.values()];
    this.dirty.clear();
    await this.deps.store.saveRecords(records);
  }

  private prepare(def: ObjectDef, input: Record<string, unknown>, mode: WriteMode) {
    return prepareInput(this.deps.catalog, def, input, mode, (d) => this.table(d));
  }

  private write(table: RecordTable, record: StoredRecord): void {
    table.put(record);
    this.dirty.set(record.id, record);
  }

  /** Fields in describe order, computed name fields filled in. */
  private materialize(def: ObjectDef, values: Map<string, FieldValue>): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    for (const f of def.fields) {
      if (f.computedFrom) {
        const parts = f.computedFrom
          .map((n) => values.get(n))
          .filter((v) => v !== null && v !== undefined && v !== "");
        out[f.name] = parts.length > 0 ? parts.join(" ") : null;
      } else {
        out[f.name] = values.get(f.name) ?? null;
      }
    }
    return out;
  }

  private findDuplicate(
    table: RecordTable,
    values: Map<string, FieldValue>,
    selfId: string | null,
  ) {
    for (const f of table.def.fields) {
      if (!f.unique) continue;
      const clash = table.findLive(f, values.get(f.name) ?? null).find((r) => r.id !== selfId);
      if (clash) {
        return recordError(
          "DUPLICATE_VALUE",
          `duplicate value found: ${f.name} duplicates value on record with id: ${clash.id}`,
          [f.name],
        );
      }
    }
    return undefined;
  }

  private async findExisting(
    def: ObjectDef,
    rawId: string,
  ): Promise<
    { ok: true; table: RecordTable; record: StoredRecord } | { ok: false; outcome: DmlOutcome }
  > {
    const id = normalizeId(rawId);
    if (!id) {
      return {
        ok: false,
        outcome: fail(rawId, "invalid", [recordError("MALFORMED_ID", `malformed id ${rawId}`)]),
      };
    }
    const table = await this.table(def);
    const record = table.get(id);
    if (!record) {
      const error = recordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
      return { ok: false, outcome: fail(id, "notFound", [error]) };
    }
    if (record.deletedDate !== null) {
      return {
        ok: false,
        outcome: fail(id, "deleted", [recordError("ENTITY_IS_DELETED", "entity is deleted")]),
      };
    }
    return { ok: true, table, record };
  }

  /** Recycle-bin delete, cascading to master-detail-like children and clearing other lookups. */
  private async softDelete(table: RecordTable, record: StoredRecord, now: string): Promise<void> {
    const fields = { ...record.fields, IsDeleted: true, SystemModstamp: now };
    this.write(table, { ...record, fields, deletedDate: now });
    for (const rel of this.deps.catalog.childRelationships(table.def)) {
      const childDef = this.deps.catalog.object(rel.childSObject);
      if (!childDef) continue;
      const childTable = await this.table(childDef);
      const children = [...childTable.all()].filter(
        (c) => c.deletedDate === null && c.fields[rel.field] === record.id,
      );
      for (const child of children) {
        if (rel.cascadeDelete) {
          await this.softDelete(childTable, child, now);
        } else {
          // Clearing a lookup is a system change: SystemModstamp moves, LastModifiedDate doesn't.
          this.write(childTable, {
            ...child,
            fields: { ...child.fields, [rel.field]: null, SystemModstamp: now },
          });
        }
      }
    }
  }
}
