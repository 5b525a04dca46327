import { parseSoql } from "@duplex/salesforce-emulator";
import { describe, expect, it } from "vitest";
import { salesforceObject } from "./describe";
import { selectSoql, soqlLiteral, soqlString, where } from "./soql";

const field = (name: string, type: string) => ({
  name,
  type,
  nillable: true,
  createable: true,
  updateable: true,
});
const account = salesforceObject({
  name: "Account",
  fields: [
    field("Id", "id"),
    field("Name", "string"),
    field("NumberOfEmployees", "int"),
    field("AnnualRevenue", "currency"),
    field("IsActive__c", "boolean"),
    field("Founded__c", "date"),
    field("SystemModstamp", "datetime"),
  ],
});

const HOSTILE = [
  ["plain", "Acme", "'Acme'"],
  ["a quote", "O'Brien", "'O\\'Brien'"],
  ["an injection", "x' OR Name != '", "'x\\' OR Name != \\''"],
  ["an escaped-quote injection", "\\' OR Id != '", "'\\\\\\' OR Id != \\''"],
  ["a trailing backslash", "C:\\", "'C:\\\\'"],
  ["control characters", "a\nb\rc\td\be\ff", "'a\\nb\\rc\\td\\be\\ff'"],
  ["a double quote", 'say "hi"', "'say \\\"hi\\\"'"],
  ["LIKE wildcards (literal outside LIKE)", "100% _sure_", "'100% _sure_'"],
  ["unicode", "Zoë ✓ 日本", "'Zoë ✓ 日本'"],
  ["nothing", "", "''"],
] as const;

describe("soqlString", () => {
  it.each(HOSTILE)("escapes %s", (_case, value, literal) => {
    expect(soqlString(value)).toBe(literal);
  });

  it.each(HOSTILE)("keeps %s a single literal that decodes to the input", (_case, value) => {
    const query = parseSoql(`SELECT Id FROM Account WHERE Name = ${soqlString(value)} LIMIT 1`);
    expect(query.where).toMatchObject({
      type: "compare",
      field: { path: ["Name"] },
      value: { kind: "string", value },
    });
    expect(query.limit).toBe(1);
  });
});

describe("soqlLiteral", () => {
  it.each([
    ["NumberOfEmployees", 12, "12"],
    ["NumberOfEmployees", " 12 ", "12"],
    ["AnnualRevenue", "1.5e3", "1500"],
    ["IsActive__c", "true", "true"],
    ["IsActive__c", false, "false"],
    ["Founded__c", "2024-02-29", "2024-02-29"],
    ["SystemModstamp", "2024-01-02T03:04:05+0000", "2024-01-02T03:04:05.000Z"],
    ["SystemModstamp", "2024-01-02T05:04:05.1+02:00", "2024-01-02T03:04:05.100Z"],
    ["Name", 42, "'42'"],
    ["Id", null, "null"],
  ] as const)("%s = %j → %s", (name, value, literal) => {
    expect(soqlLiteral(account, name, value)).toBe(literal);
  });

  it.each([
    ["NumberOfEmployees", "12 OR Id != null"],
    ["NumberOfEmployees", 1.5],
    ["AnnualRevenue", "NaN"],
    ["IsActive__c", "yes) OR (Id != null"],
    ["Founded__c", "2024-02-30"],
    ["Founded__c", "TODAY"],
    ["SystemModstamp", "yesterday"],
    ["Name", { toString: "x" }],
  ] as const)("refuses %s = %j", (name, value) => {
    expect(() => soqlLiteral(account, name, value)).toThrow(
      expect.objectContaining({ name: "ConnectorError", code: "invalid_value" }),
    );
  });
});

describe("selectSoql", () => {
  it("builds a query from validated names, parenthesizing AND/OR", () => {
    const soql = selectSoql(account, {
      fields: ["id", "Name"],
      where: where.or(
        where.compare("SystemModstamp", ">", "2024-01-01T00:00:00Z"),
        where.and(
          where.compare("SystemModstamp", "=", "2024-01-01T00:00:00Z"),
          where.in("Name", ["a'b", "c"]),
        ),
      ),
      orderBy: ["SystemModstamp", "Id"],
      limit: 5,
    });
    expect(soql).toBe(
      "SELECT Id, Name FROM Account WHERE (SystemModstamp > 2024-01-01T00:00:00.000Z OR (SystemModstamp = 2024-01-01T00:00:00.000Z AND Name IN ('a\\'b', 'c'))) ORDER BY SystemModstamp, Id LIMIT 5",
    );
    expect(() => parseSoql(soql)).not.toThrow();
  });

  it.each([
    ["a field not in describe", { fields: ["Secret__c"] }],
    ["an injected field name", { fields: ["Name FROM User --"] }],
    ["an injected ORDER BY", { fields: ["Id"], orderBy: ["Name DESC, Password"] }],
    [
      "an injected WHERE field",
      { fields: ["Id"], where: where.compare("Id != null OR Name", "=", "x") },
    ],
  ])("refuses %s", (_case, spec) => {
    expect(() => selectSoql(account, spec)).toThrow(
      expect.objectContaining({ code: "unknown_field" }),
    );
  });

  it("refuses an empty IN list and a bad LIMIT", () => {
    expect(() => selectSoql(account, { fields: ["Id"], where: where.in("Name", []) })).toThrow(
      expect.objectContaining({ code: "invalid_query" }),
    );
    expect(() => selectSoql(account, { fields: ["Id"], limit: -1 })).toThrow(
      expect.objectContaining({ code: "invalid_query" }),
    );
  });
});
