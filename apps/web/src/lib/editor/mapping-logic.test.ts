import { type Mapping, objectDescriptorSchema, transformSchema } from "@duplex/core";
import { describe, expect, it } from "vitest";
import {
  connectField,
  mappingWarnings,
  mergeAutoMapped,
  moveItem,
  newTransform,
  transformTypes,
  unmappedRequired,
} from "./mapping-logic";

const source = objectDescriptorSchema.parse({
  name: "Account",
  primaryKey: "Id",
  fields: [
    { name: "Id", type: "id", nullable: false },
    { name: "Name", type: "string", nullable: false },
    { name: "Revenue", type: "string", nullable: true },
  ],
});
const target = objectDescriptorSchema.parse({
  name: "accounts",
  primaryKey: "id",
  fields: [
    { name: "id", type: "integer", nullable: false },
    { name: "name", type: "string", nullable: false, required: true },
    { name: "revenue", type: "number", nullable: true },
    { name: "code", type: "string", nullable: false, required: true },
    { name: "created", type: "datetime", nullable: true, createable: false, updateable: false },
  ],
});

describe("mapping logic", () => {
  it.each<[string, Mapping, string[]]>([
    ["matching types", { target: "name", source: "Name", transforms: [] }, []],
    [
      "text into a number",
      { target: "revenue", source: "Revenue", transforms: [] },
      ["Type mismatch: string into number field; add a cast"],
    ],
    [
      "fixed by a cast",
      { target: "revenue", source: "Revenue", transforms: [{ type: "cast", to: "number" }] },
      [],
    ],
    [
      "unknown fields",
      { target: "nope", source: "Ghost", transforms: [] },
      ["No source field 'Ghost'", "No target field 'nope'"],
    ],
    [
      "read-only target",
      { target: "created", source: "Name", transforms: [] },
      ["'created' is read-only", "Type mismatch: string into datetime field; add a cast"],
    ],
  ])("%s", (_name, mapping, warnings) => {
    expect(mappingWarnings(mapping, source, target)).toEqual(warnings);
  });

  it("lists required target fields nobody writes", () => {
    const mappings: Mapping[] = [{ target: "name", source: "Name", transforms: [] }];
    expect(unmappedRequired(target, mappings).map((f) => f.name)).toEqual(["code"]);
    expect(unmappedRequired(target, mappings, ["code"])).toEqual([]);
  });

  it("connects fields, merges auto-mapping without overwriting, reorders transforms", () => {
    const start: Mapping[] = [{ target: "name", expression: "Name & '!'", transforms: [] }];
    expect(connectField(start, "Name", "name")).toEqual([
      { target: "name", source: "Name", transforms: [] },
    ]);
    expect(connectField(start, "Revenue", "revenue")).toHaveLength(2);
    expect(
      mergeAutoMapped(start, [
        { target: "name", source: "Name", transforms: [] },
        { target: "code", source: "Id", transforms: [] },
      ]).map((m) => m.target),
    ).toEqual(["name", "code"]);
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a"], 0, 1)).toEqual(["a"]);
  });

  it.each(transformTypes)("a new %s transform is valid", (type) => {
    expect(transformSchema.safeParse(newTransform(type, "account")).success).toBe(true);
  });
});
