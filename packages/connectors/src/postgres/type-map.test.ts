import { describe, expect, it } from "vitest";
import {
  detectUpdatedAtField,
  detectVersionField,
  mapFieldType,
  type NativeType,
} from "./type-map";

const base = (typeName: string, extra: Partial<NativeType> = {}): NativeType => ({
  typeName,
  kind: "b",
  category: "N",
  ...extra,
});

describe("mapFieldType", () => {
  it.each([
    [base("int2"), "integer"],
    [base("int4"), "integer"],
    [base("int8"), "integer"],
    [base("numeric"), "decimal"],
    [base("float4"), "number"],
    [base("float8"), "number"],
    [base("bool"), "boolean"],
    [base("date"), "date"],
    [base("timestamp"), "datetime"],
    [base("timestamptz"), "datetime"],
    [base("json"), "json"],
    [base("jsonb"), "json"],
    [base("uuid"), "id"],
    [base("text"), "text"],
    [base("varchar", { length: 40 }), "string"],
    [base("varchar"), "text"],
    [base("bpchar", { length: 2 }), "string"],
    [base("bytea"), "binary"],
    [base("mood", { kind: "e" }), "picklist"],
    [base("_int4", { category: "A" }), "json"],
    [base("inet"), "string"],
  ] as const)("%o → %s", (type, expected) => {
    expect(mapFieldType(type)).toBe(expected);
  });
});

describe("detection by name", () => {
  it.each([
    [[{ name: "updated_at", type: "datetime" }], "updated_at"],
    [[{ name: "UpdatedAt", type: "datetime" }], "UpdatedAt"],
    [[{ name: "modified_at", type: "datetime" }], "modified_at"],
    [[{ name: "last_modified", type: "datetime" }], "last_modified"],
    [[{ name: "updated_at", type: "text" }], undefined],
    [[{ name: "created_at", type: "datetime" }], undefined],
    [
      [
        { name: "last_modified", type: "datetime" },
        { name: "updated_at", type: "datetime" },
      ],
      "updated_at",
    ],
  ] as const)("updated-at in %o is %s", (columns, expected) => {
    expect(detectUpdatedAtField(columns)).toBe(expected);
  });

  it.each([
    [[{ name: "version", type: "integer" }], "version"],
    [[{ name: "row_version", type: "integer" }], "row_version"],
    [[{ name: "version", type: "text" }], undefined],
  ] as const)("version in %o is %s", (columns, expected) => {
    expect(detectVersionField(columns)).toBe(expected);
  });
});
