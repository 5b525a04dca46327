import { describe, expect, it } from "vitest";
import { type Mapping, mappingSchema } from "../definitions/transform";
import { applyMapping } from "./apply-mapping";

const mappings = (...inputs: unknown[]): Mapping[] => inputs.map((m) => mappingSchema.parse(m));
const source = {
  Id: "A-1",
  Name: "  acme gmbh ",
  Revenue: "1.234,50",
  AccountId: "P-1",
  Address: { City: "Berlin" },
};

describe("applyMapping", () => {
  it("produces the target payload from fields, paths, expressions and chains", async () => {
    const result = await applyMapping(
      source,
      mappings(
        {
          target: "name",
          source: "Name",
          transforms: [{ type: "trim" }, { type: "case", to: "title" }],
        },
        { target: "revenue", source: "Revenue", transforms: [{ type: "cast", to: "number" }] },
        { target: "city", source: "Address.City" },
        { target: "label", expression: "Id & ':' & Address.City" },
        { target: "constant", transforms: [{ type: "default", value: "web" }] },
        {
          target: "parent_id",
          source: "AccountId",
          transforms: [{ type: "reference", object: "account" }],
        },
      ),
      { locale: "de-DE", resolveReference: (_o, key) => (key === "P-1" ? "B-9" : undefined) },
    );
    expect(result).toEqual({
      values: {
        name: "Acme Gmbh",
        revenue: 1234.5,
        city: "Berlin",
        label: "A-1:Berlin",
        constant: "web",
        parent_id: "B-9",
      },
      errors: [],
      unresolvedReferences: [],
    });
  });

  it("collects every error and unresolved reference without stopping", async () => {
    const result = await applyMapping(
      source,
      mappings(
        { target: "revenue", source: "Revenue", transforms: [{ type: "cast", to: "number" }] },
        { target: "bad", expression: "$number('x')" },
        {
          target: "parent_id",
          source: "AccountId",
          transforms: [{ type: "reference", object: "account" }],
        },
        { target: "ok", source: "Id" },
      ),
      { resolveReference: () => undefined },
    );
    expect(result.values).toEqual({ ok: "A-1" });
    expect(result.errors.map((e) => [e.field, e.transform, e.code])).toEqual([
      ["revenue", "cast", "cast-failed"],
      ["bad", "expression", "expression-failed"],
    ]);
    expect(result.unresolvedReferences).toEqual([
      { field: "parent_id", object: "account", sourceKey: "P-1" },
    ]);
  });

  it("refuses a mapping with both source and expression", () => {
    expect(mappingSchema.safeParse({ target: "x", source: "a", expression: "b" }).success).toBe(
      false,
    );
  });
});
