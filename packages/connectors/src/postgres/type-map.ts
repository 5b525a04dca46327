import type { FieldType } from "@duplex/core";

/** What the catalog says about a column's type (domains already resolved to their base type). */
export interface NativeType {
  /** `pg_type.typname` of the (base) type: `int4`, `varchar`, `_int4` for arrays. */
  typeName: string;
  /** `pg_type.typtype`: b base, e enum, c composite, r range, m multirange. */
  kind: string;
  /** `pg_type.typcategory`: `A` for arrays. */
  category: string;
  /** Declared length of varchar(n)/char(n), when there is one. */
  length?: number;
}

const BY_NAME: Record<string, FieldType> = {
  int2: "integer",
  int4: "integer",
  int8: "integer",
  numeric: "decimal",
  money: "decimal",
  float4: "number",
  float8: "number",
  bool: "boolean",
  date: "date",
  timestamp: "datetime",
  timestamptz: "datetime",
  json: "json",
  jsonb: "json",
  uuid: "id",
  text: "text",
  citext: "text",
  xml: "text",
  bytea: "binary",
};

/** Maps a Postgres column type onto Duplex's vocabulary; anything unusual becomes `string`. */
export function mapFieldType(type: NativeType): FieldType {
  if (type.category === "A") return "json";
  if (type.kind === "e") return "picklist";
  if (type.kind === "c") return "json";
  if (type.typeName === "varchar" || type.typeName === "bpchar") {
    return type.length === undefined ? "text" : "string";
  }
  return BY_NAME[type.typeName] ?? "string";
}

/** Lower-cased, underscore-free names that mark a last-modified column, in order of preference. */
const UPDATED_AT_NAMES = [
  "updatedat",
  "modifiedat",
  "lastmodified",
  "lastmodifiedat",
  "lastmodifieddate",
  "lastupdated",
  "lastupdatedat",
  "updatedon",
  "modifiedon",
  "datemodified",
];
const VERSION_NAMES = ["version", "rowversion", "lockversion", "recordversion"];

function normalize(name: string): string {
  return name.toLowerCase().replaceAll("_", "");
}

function pick(
  columns: readonly { name: string; type: FieldType }[],
  names: readonly string[],
  type: FieldType,
): string | undefined {
  for (const wanted of names) {
    const found = columns.find((c) => c.type === type && normalize(c.name) === wanted);
    if (found) return found.name;
  }
  return undefined;
}

export function detectUpdatedAtField(
  columns: readonly { name: string; type: FieldType }[],
): string | undefined {
  return pick(columns, UPDATED_AT_NAMES, "datetime");
}

export function detectVersionField(
  columns: readonly { name: string; type: FieldType }[],
): string | undefined {
  return pick(columns, VERSION_NAMES, "integer");
}
