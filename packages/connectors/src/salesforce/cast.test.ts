import { describe, expect, it } from "vitest";
import { castRecord, toJsonRecord } from "./cast";
import { salesforceObject } from "./describe";

const field = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  nillable: true,
  createable: true,
  updateable: true,
  ...extra,
});
const contact = salesforceObject({
  name: "Contact",
  fields: [
    field("Id", "id"),
    field("LastName", "string"),
    field("Age__c", "int"),
    field("Score__c", "double"),
    field("Fee__c", "currency"),
    field("Vip__c", "boolean"),
    field("Birthdate", "date"),
    field("Seen__c", "datetime"),
    field("Tags__c", "multipicklist"),
    field("AccountId", "reference", { referenceTo: ["Account"], relationshipName: "Account" }),
    field("Photo__c", "base64"),
  ],
});

describe("castRecord", () => {
  it.each([
    ["Age__c", "42", 42],
    ["Age__c", 7, 7],
    ["Score__c", "-1.25", -1.25],
    ["Fee__c", "1e2", 100],
    ["Vip__c", "TRUE", true],
    ["Vip__c", 0, false],
    ["Birthdate", "2024-02-29", "2024-02-29"],
    ["Birthdate", "2024-03-01T01:00:00+02:00", "2024-02-29"],
    ["Birthdate", new Date("2024-05-06T00:00:00Z"), "2024-05-06"],
    ["Seen__c", "2024-01-02T03:04:05+0000", "2024-01-02T03:04:05.000Z"],
    ["Seen__c", "2024-01-02", "2024-01-02T00:00:00.000Z"],
    ["Tags__c", ["a", "b"], "a;b"],
    ["LastName", 12, "12"],
    ["AccountId", "001000000000001AAA", "001000000000001AAA"],
    ["Photo__c", new Uint8Array([1, 2, 255]), "AQL/"],
    ["Age__c", null, null],
  ] as const)("%s ← %j gives %j", (name, value, expected) => {
    expect(castRecord(contact, { [name]: value })).toEqual({
      ok: true,
      record: { [name]: expected },
    });
  });

  it.each([
    ["Age__c", "4 2"],
    ["Age__c", 2 ** 60],
    ["Score__c", Number.POSITIVE_INFINITY],
    ["Vip__c", "yes"],
    ["Birthdate", "2023-02-29"],
    ["Seen__c", 1_700_000_000_000],
    ["Seen__c", "2024-13-01T00:00:00Z"],
    ["LastName", { a: 1 }],
    ["Tags__c", [1, 2]],
    ["AccountId", "not-an-id"],
    ["Id", "short"],
  ] as const)("fails %s ← %j with the field named", (name, value) => {
    const result = castRecord(contact, { LastName: "x", [name]: value });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "cast_failed", fields: [name], transient: false },
    });
    expect(result.ok ? "" : result.error.message).toMatch(new RegExp(`^Contact\\.${name}: `));
  });

  it("sends non-Id references through the parent's configured external ID", () => {
    const result = castRecord(contact, { AccountId: "acme-1" }, { Account: "Duplex_Id__c" });
    expect(result).toEqual({ ok: true, record: { "Account.Duplex_Id__c": "acme-1" } });
    expect(result.ok && toJsonRecord(result.record)).toEqual({
      Account: { Duplex_Id__c: "acme-1" },
    });
  });

  it("fails unknown fields and skips undefined values", () => {
    expect(castRecord(contact, { Nope__c: 1 })).toMatchObject({
      ok: false,
      error: { code: "INVALID_FIELD", fields: ["Nope__c"] },
    });
    expect(castRecord(contact, { lastname: "x", Age__c: undefined })).toEqual({
      ok: true,
      record: { LastName: "x" },
    });
  });
});
