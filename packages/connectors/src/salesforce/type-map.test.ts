import { describe, expect, it } from "vitest";
import { mapFieldType, sfFieldSchema, toFieldDescriptor } from "./type-map";

describe("mapFieldType", () => {
  it.each([
    ["id", "id"],
    ["string", "string"],
    ["email", "string"],
    ["phone", "string"],
    ["url", "string"],
    ["encryptedstring", "string"],
    ["textarea", "text"],
    ["picklist", "picklist"],
    ["multipicklist", "picklist"],
    ["combobox", "picklist"],
    ["boolean", "boolean"],
    ["int", "integer"],
    ["long", "integer"],
    ["double", "number"],
    ["percent", "number"],
    ["currency", "decimal"],
    ["date", "date"],
    ["datetime", "datetime"],
    ["time", "string"],
    ["reference", "reference"],
    ["base64", "binary"],
    ["address", "json"],
    ["location", "json"],
    ["somethingNew", "string"],
  ])("%s → %s", (sfType, expected) => {
    expect(mapFieldType(sfType)).toBe(expected);
  });
});

describe("toFieldDescriptor", () => {
  const base = { name: "F", type: "string", nillable: true, createable: true, updateable: true };
  it.each([
    ["createable, not nillable, no default", { nillable: false }, true],
    ["not nillable but defaulted on create", { nillable: false, defaultedOnCreate: true }, false],
    ["not nillable but not createable", { nillable: false, createable: false }, false],
    ["nillable", {}, false],
  ])("required when %s: %s", (_case, extra, required) => {
    expect(toFieldDescriptor(sfFieldSchema.parse({ ...base, ...extra })).required).toBe(required);
  });

  it("keeps active picklist values, the restricted flag and reference targets", () => {
    const picklist = toFieldDescriptor(
      sfFieldSchema.parse({
        ...base,
        type: "multipicklist",
        restrictedPicklist: true,
        picklistValues: [
          { value: "A", active: true },
          { value: "Old", active: false },
        ],
      }),
    );
    expect(picklist).toMatchObject({
      type: "picklist",
      picklistValues: ["A"],
      restrictedPicklist: true,
    });
    const lookup = toFieldDescriptor(
      sfFieldSchema.parse({ ...base, type: "reference", referenceTo: ["Account", "Contact"] }),
    );
    expect(lookup).toMatchObject({ type: "reference", referenceTo: ["Account", "Contact"] });
  });
});
