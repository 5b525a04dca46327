import { keyPrefixOf, normalizeId } from "../ids/salesforce-id";
import type { Catalog, FieldDef, ObjectDef } from "../schema/catalog";
import { type RecordError, recordError } from "../server/api-error";
import type { FieldValue } from "../store/record-store";
import { coerceFieldValue } from "./field-codec";
import type { RecordTable } from "./record-table";

// Turns a client-supplied record body into validated field values: unknown fields, field-level
// write permissions, types, and lookups (by ID or by the parent's external ID, the
// `"Account": { "Duplex_Id__c": "x" }` form Salesforce supports in REST bodies).

export type WriteMode = "create" | "update";

export type PreparedInput =
  | { ok: true; values: Map<string, FieldValue> }
  | { ok: false; errors: RecordError[] };

export type TableLoader = (def: ObjectDef) => Promise<RecordTable>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export async function prepareInput(
  catalog: Catalog,
  def: ObjectDef,
  input: Record<string, unknown>,
  mode: WriteMode,
  loadTable: TableLoader,
): Promise<PreparedInput> {
  const values = new Map<string, FieldValue>();
  const notWritable: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (key === "attributes") continue;
    const lower = key.toLowerCase();
    if (lower === "id") {
      if (mode === "create") {
        return invalid("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", [
          "Id",
        ]);
      }
      continue;
    }
    const relationship = def.fieldByLowerRelationship.get(lower);
    if (relationship && isPlainObject(raw)) {
      const resolved = await resolveByExternalId(catalog, relationship, raw, loadTable);
      if (!resolved.ok) return resolved;
      values.set(relationship.name, resolved.id);
      continue;
    }
    const field = def.fieldByLowerName.get(lower);
    if (!field) {
      return invalid("INVALID_FIELD", `No such column '${key}' on sobject of type ${def.name}`, [
        key,
      ]);
    }
    if (mode === "create" ? !field.createable : !field.updateable) {
      notWritable.push(field.name);
      continue;
    }
    const coerced = coerceFieldValue(field, raw);
    if (!coerced.ok) return { ok: false, errors: [coerced.error] };
    let value = coerced.value;
    if (field.type === "reference" && typeof value === "string") {
      const checked = await checkReference(catalog, field, value, loadTable);
      if (!checked.ok) return checked;
      value = checked.id;
    }
    values.set(field.name, value);
  }
  if (notWritable.length > 0) {
    return invalid(
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      `Unable to create/update fields: ${notWritable.join(", ")}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      notWritable,
    );
  }
  return { ok: true, values };
}

type Resolved = { ok: true; id: string } | { ok: false; errors: RecordError[] };

const invalid = (
  code: string,
  message: string,
  fields: string[],
): { ok: false; errors: RecordError[] } => ({
  ok: false,
  errors: [recordError(code, message, fields)],
});

async function checkReference(
  catalog: Catalog,
  field: FieldDef,
  raw: string,
  loadTable: TableLoader,
): Promise<Resolved> {
  const id = normalizeId(raw);
  if (!id)
    return invalid("MALFORMED_ID", `${field.label}: id value of incorrect type: ${raw}`, [
      field.name,
    ]);
  const target = catalog.objectByKeyPrefix(keyPrefixOf(id));
  if (!target || !field.referenceTo.includes(target.name)) {
    return invalid(
      "FIELD_INTEGRITY_EXCEPTION",
      `${field.label}: id value of incorrect type: ${raw}`,
      [field.name],
    );
  }
  const parent = (await loadTable(target)).get(id);
  if (!parent || parent.deletedDate !== null) {
    return invalid("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", [field.name]);
  }
  return { ok: true, id };
}

async function resolveByExternalId(
  catalog: Catalog,
  relationship: FieldDef,
  ref: Record<string, unknown>,
  loadTable: TableLoader,
): Promise<Resolved> {
  const targetName =
    relationship.referenceTo.length === 1 ? relationship.referenceTo[0] : attributesType(ref);
  const target = targetName ? catalog.object(targetName) : undefined;
  const keys = Object.keys(ref).filter((k) => k !== "attributes");
  const keyField =
    keys.length === 1 && keys[0] ? target?.fieldByLowerName.get(keys[0].toLowerCase()) : undefined;
  if (!target || !keyField || !(keyField.externalId || keyField.name === "Id")) {
    return invalid(
      "INVALID_FIELD",
      `Foreign key external ID must be a single external ID field of ${targetName ?? "the parent"} for ${relationship.relationshipName}`,
      [relationship.name],
    );
  }
  const raw = ref[keyField.name] ?? ref[keys[0] ?? ""];
  const value = typeof raw === "string" || typeof raw === "number" ? String(raw) : "";
  if (keyField.name === "Id") return checkReference(catalog, relationship, value, loadTable);
  const matches = (await loadTable(target)).findLive(keyField, value);
  if (matches.length === 0 || !matches[0]) {
    return invalid(
      "INVALID_FIELD",
      `Foreign key external ID: ${value} not found for field ${keyField.name} in entity ${target.name}`,
      [relationship.name],
    );
  }
  if (matches.length > 1) {
    return invalid(
      "DUPLICATE_EXTERNAL_ID",
      `Foreign key external ID: ${value} matches more than one record for field ${keyField.name} in entity ${target.name}`,
      [relationship.name],
    );
  }
  return { ok: true, id: matches[0].id };
}

function attributesType(ref: Record<string, unknown>): string | undefined {
  const attributes = ref.attributes;
  if (!isPlainObject(attributes)) return undefined;
  return typeof attributes.type === "string" ? attributes.type : undefined;
}
