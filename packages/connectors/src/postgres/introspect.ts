import type { FieldDescriptor, ObjectDescriptor } from "@duplex/core";
import type pg from "pg";
import { z } from "zod";
import { ConnectorError } from "../types";
import { detectUpdatedAtField, detectVersionField, mapFieldType } from "./type-map";

const columnRow = z.object({
  table_name: z.string(),
  column_name: z.string(),
  native_type: z.string(),
  type_name: z.string(),
  type_kind: z.string(),
  category: z.string(),
  typmod: z.number(),
  not_null: z.boolean(),
  has_default: z.boolean(),
  generated: z.boolean(),
  identity_always: z.boolean(),
  numeric_precision: z.number().nullable(),
  numeric_scale: z.number().nullable(),
  enum_values: z.array(z.string()).nullable(),
});

const keyRow = z.object({
  table_name: z.string(),
  kind: z.enum(["primary", "unique", "foreign"]),
  columns: z.array(z.string()),
  ref_schema: z.string().nullable(),
  ref_table: z.string().nullable(),
});

// Domains are resolved to their base type; typmod of varchar(n) is n + 4 (the varlena header).
const COLUMNS_SQL = `
SELECT c.relname AS table_name, a.attname AS column_name,
  format_type(a.atttypid, a.atttypmod) AS native_type,
  coalesce(bt.typname, t.typname)::text AS type_name,
  coalesce(bt.typtype, t.typtype)::text AS type_kind,
  coalesce(bt.typcategory, t.typcategory)::text AS category,
  CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod,
  a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) AS not_null,
  a.atthasdef OR a.attidentity <> '' OR (t.typtype = 'd' AND t.typdefault IS NOT NULL) AS has_default,
  a.attgenerated <> '' AS generated,
  a.attidentity = 'a' AS identity_always,
  information_schema._pg_numeric_precision(coalesce(bt.oid, t.oid), CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)::int AS numeric_precision,
  information_schema._pg_numeric_scale(coalesce(bt.oid, t.oid), CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)::int AS numeric_scale,
  CASE WHEN coalesce(bt.typtype, t.typtype) = 'e' THEN ARRAY(
    SELECT e.enumlabel::text FROM pg_enum e
    WHERE e.enumtypid = coalesce(bt.oid, t.oid) ORDER BY e.enumsortorder) END AS enum_values
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND ($2::text IS NULL OR c.relname = $2::text)
ORDER BY c.relname, a.attnum`;

// Unique indexes count whether or not they back a constraint: ON CONFLICT can use either. Partial
// and expression indexes cannot serve as a conflict target, so they are left out.
const KEYS_SQL = `
SELECT c.relname AS table_name,
  CASE WHEN i.indisprimary THEN 'primary' ELSE 'unique' END AS kind,
  ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
  NULL::text AS ref_schema, NULL::text AS ref_table
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND ($2::text IS NULL OR c.relname = $2::text)
  AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
UNION ALL
SELECT c.relname, 'foreign',
  ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
  fn.nspname::text, fc.relname::text
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class fc ON fc.oid = con.confrelid
JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype = 'f' AND n.nspname = $1 AND ($2::text IS NULL OR c.relname = $2::text)`;

type ColumnRow = z.infer<typeof columnRow>;
type KeyRow = z.infer<typeof keyRow>;

function toField(col: ColumnRow, keys: KeyRow[], schema: string): FieldDescriptor {
  const single = (kind: KeyRow["kind"]) =>
    keys.filter(
      (k) => k.kind === kind && k.columns.length === 1 && k.columns[0] === col.column_name,
    );
  const isPrimary = single("primary").length > 0;
  const isUnique = isPrimary || single("unique").length > 0;
  const references = single("foreign").map((k) =>
    k.ref_schema === schema ? (k.ref_table ?? "") : `${k.ref_schema}.${k.ref_table}`,
  );
  const length =
    (col.type_name === "varchar" || col.type_name === "bpchar") && col.typmod > 4
      ? col.typmod - 4
      : undefined;
  const baseType = mapFieldType({
    typeName: col.type_name,
    kind: col.type_kind,
    category: col.category,
    length,
  });
  const writable = !col.generated && !col.identity_always;
  return {
    name: col.column_name,
    type: references.length > 0 ? "reference" : baseType,
    nativeType: col.native_type,
    nullable: !col.not_null,
    required: col.not_null && !col.has_default && !col.generated,
    unique: isUnique,
    externalId: isUnique && !isPrimary,
    createable: writable,
    updateable: writable,
    ...(length !== undefined ? { length } : {}),
    ...(col.type_name === "numeric" && col.numeric_precision !== null
      ? { precision: col.numeric_precision, scale: col.numeric_scale ?? 0 }
      : {}),
    ...(col.enum_values ? { picklistValues: col.enum_values, restrictedPicklist: true } : {}),
    ...(references.length > 0 ? { referenceTo: references } : {}),
  };
}

/** Why a table cannot be an object, or its descriptor. */
export type IntrospectedObject =
  | { ok: true; descriptor: ObjectDescriptor }
  | { ok: false; name: string; reason: string };

function toObject(
  name: string,
  columns: ColumnRow[],
  keys: KeyRow[],
  schema: string,
): IntrospectedObject {
  const primary = keys.find((k) => k.kind === "primary");
  if (!primary) return { ok: false, name, reason: `table "${name}" has no primary key` };
  const [primaryKey, ...rest] = primary.columns;
  if (primaryKey === undefined || rest.length > 0) {
    const list = primary.columns.join(", ");
    return {
      ok: false,
      name,
      reason: `table "${name}" has a composite primary key (${list}); Duplex needs a single-column key`,
    };
  }
  const fields = columns.map((c) => toField(c, keys, schema));
  const updatedAtField = detectUpdatedAtField(fields);
  const versionField = detectVersionField(fields);
  return {
    ok: true,
    descriptor: {
      name,
      primaryKey,
      ...(updatedAtField ? { updatedAtField } : {}),
      ...(versionField ? { versionField } : {}),
      fields,
    },
  };
}

/** Reads tables of `schema` (or just `table`) from pg_catalog in two queries. */
export async function introspect(
  db: pg.Pool,
  schema: string,
  table: string | null,
): Promise<IntrospectedObject[]> {
  const [columnsResult, keysResult] = await Promise.all([
    db.query(COLUMNS_SQL, [schema, table]),
    db.query(KEYS_SQL, [schema, table]),
  ]);
  const columns = z.array(columnRow).parse(columnsResult.rows);
  const keys = z.array(keyRow).parse(keysResult.rows);
  const names = [...new Set(columns.map((c) => c.table_name))];
  return names.map((name) =>
    toObject(
      name,
      columns.filter((c) => c.table_name === name),
      keys.filter((k) => k.table_name === name),
      schema,
    ),
  );
}

export async function introspectObject(
  db: pg.Pool,
  schema: string,
  table: string,
): Promise<ObjectDescriptor> {
  const [found] = await introspect(db, schema, table);
  if (!found) {
    throw new ConnectorError(
      `table "${schema}"."${table}" does not exist`,
      "undefined_table",
      false,
    );
  }
  if (!found.ok) throw new ConnectorError(found.reason, "unsupported_primary_key", false);
  return found.descriptor;
}
