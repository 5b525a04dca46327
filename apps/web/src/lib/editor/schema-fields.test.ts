import { nodeConfigSchemas, transformSchema } from "@duplex/core";
import { describe, expect, it } from "vitest";
import {
  errorsByField,
  formFieldsOf,
  formVariantsOfJson,
  humanize,
  parseList,
  parseScalar,
} from "./schema-fields";

describe("form fields from zod schemas", () => {
  it("turns each config property into a typed, labelled input with its help text", () => {
    const fields = formFieldsOf(nodeConfigSchemas.lookup);
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ["object", "text", true],
      ["strategy", "select", false],
      ["matchFields", "rows", false],
      ["caseInsensitive", "boolean", false],
    ]);
    const strategy = fields[1];
    expect(strategy?.kind === "select" ? strategy.options : []).toContain("match-key");
    expect(strategy?.help).toMatch(/How the target record is found/);
    const rows = fields[2];
    expect(rows?.kind === "rows" ? rows.fields.map((f) => f.name) : []).toEqual([
      "source",
      "target",
    ]);
  });

  it.each([
    ["trigger.schedule", "intervalSeconds", "number"],
    ["delete", "softDeleteValue", "scalar"],
    ["compare", "ignoreFields", "list"],
    ["trigger.webhook", "payloadSchema", "json"],
  ] as const)("%s.%s is a %s input", (type, name, kind) => {
    expect(formFieldsOf(nodeConfigSchemas[type]).find((f) => f.name === name)?.kind).toBe(kind);
  });

  it("skips a transform's discriminator and keeps its own fields", () => {
    const cast = transformSchema.options[0];
    expect(formFieldsOf(cast).map((f) => f.name)).toEqual(["to", "locale"]);
  });

  it("parses typed text and groups problems by field", () => {
    expect(humanize("intervalSeconds")).toBe("Interval seconds");
    expect([parseScalar("true"), parseScalar("12"), parseScalar("x")]).toEqual([true, 12, "x"]);
    expect(parseList(" a, ,b ")).toEqual(["a", "b"]);
    const errors = errorsByField(
      [
        { path: ["config", "cron"], message: "Set either cron or intervalSeconds" },
        { path: ["config", "matchFields", 0, "source"], message: "Required" },
        { path: ["label"], message: "ignored" },
      ],
      ["config"],
    );
    expect([...errors.entries()]).toEqual([
      ["cron", ["Set either cron or intervalSeconds"]],
      ["matchFields.0.source", ["Required"]],
    ]);
  });
});

describe("forms for server-sent JSON Schema", () => {
  it("offers one form per alternative of a union of objects", () => {
    const variants = formVariantsOfJson({
      anyOf: [
        {
          type: "object",
          properties: { connectionString: { type: "string" } },
          required: ["connectionString"],
        },
        {
          type: "object",
          properties: { host: { type: "string" }, port: { type: "integer", default: 5432 } },
        },
      ],
    });
    expect(variants.map((fields) => fields.map((f) => f.name))).toEqual([
      ["connectionString"],
      ["host", "port"],
    ]);
    expect(formVariantsOfJson("nonsense")).toEqual([]);
  });
});
