import { describe, expect, it } from "vitest";
import type { FieldType } from "../model/describe";
import { accountA } from "../validation/fixtures.test-support";
import { compareToLastSynced, fingerprint } from "./compare";
import { canonicalJson, fnv1a64 } from "./fingerprint";
import {
  canonicalDecimal,
  fieldTypesOf,
  type NormalizeOptions,
  normalizeForCompare,
  normalizeValue,
} from "./normalize";

/** Reference FNV-1a 64 with BigInt, to check the limb arithmetic. */
function referenceFnv(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = BigInt.asUintN(64, hash * 0x100000001b3n);
  }
  return hash.toString(16).padStart(16, "0");
}

describe("fnv1a64", () => {
  it.each([
    ["", "cbf29ce484222325"],
    ["a", "af63dc4c8601ec8c"],
    ["foobar", "85944171f73967e8"],
  ])("known vector %j", (text, expected) => {
    expect(fnv1a64(text)).toBe(expected);
  });

  it.each(["héllo wörld", "emoji 🎉 and 中文", '{"a":1,"b":[true,null]}', "x".repeat(1000)])(
    "matches a BigInt reference for %j",
    (text) => expect(fnv1a64(text)).toBe(referenceFnv(text)),
  );
});

describe("normalizeValue", () => {
  it.each<[unknown, FieldType | undefined, NormalizeOptions, unknown]>([
    ["1.50", undefined, {}, 1.5],
    [1.5, undefined, {}, 1.5],
    ["-0.0", undefined, {}, 0],
    ["007", undefined, {}, "007"],
    ["007", "integer", {}, 7],
    ["1.234", "decimal", {}, 1.234],
    ["12345678901234567890.10", "decimal", {}, "12345678901234567890.1"],
    [1e21, "number", {}, 1e21],
    ["2024-01-01T00:00:00Z", undefined, {}, "2024-01-01T00:00:00.000Z"],
    ["2024-01-01 02:00:00+02", undefined, {}, "2024-01-01T00:00:00.000Z"],
    ["2024-01-01", undefined, {}, "2024-01-01"],
    ["2024-01-01T22:00:00Z", "date", {}, "2024-01-01"],
    ["2024-01-01", "datetime", {}, "2024-01-01T00:00:00.000Z"],
    ["yes", "boolean", {}, true],
    [0, "boolean", {}, false],
    ["yes", undefined, {}, "yes"],
    ["  Acme  ", undefined, {}, "Acme"],
    ["  Acme  ", undefined, { trimWhitespace: false }, "  Acme  "],
    ["a   b", undefined, { collapseWhitespace: true }, "a b"],
    ["ACME", undefined, { caseInsensitive: true }, "acme"],
    ["", undefined, {}, null],
    ["", undefined, { emptyStringIsNull: false }, ""],
    [undefined, undefined, {}, null],
    ["abc", "number", {}, "abc"],
    [{ b: "1.0", a: [" x "] }, "json", {}, { a: ["x"], b: 1 }],
  ])("%j as %s %j", (value, type, options, expected) => {
    expect(normalizeValue(value, type, options)).toEqual(expected);
  });

  it.each([
    ["0001.2300", 1.23],
    ["-5", -5],
    ["1e3", 1000],
    ["x", undefined],
  ])("canonicalDecimal(%j)", (text, expected) => {
    expect(canonicalDecimal(text)).toBe(expected);
  });
});

describe("normalizeForCompare and fingerprint", () => {
  it("takes field types from a descriptor", () => {
    const types = fieldTypesOf(accountA);
    expect(types.AnnualRevenue).toBe("decimal");
    expect(
      normalizeForCompare({ IsActive: "yes", Founded: "2024-01-01T10:00:00Z" }, types),
    ).toEqual({
      Founded: "2024-01-01",
      IsActive: true,
    });
  });

  it("sorts keys and normalizes values", () => {
    const normalized = normalizeForCompare({ b: "1.50", a: " x " });
    expect(Object.keys(normalized)).toEqual(["a", "b"]);
    expect(normalized).toEqual({ a: "x", b: 1.5 });
  });

  it("gives equal fingerprints for equivalent records, different for changed ones", () => {
    const a = fingerprint({ amount: 1.5, when: "2024-01-01T00:00:00Z", name: "Acme" });
    const b = fingerprint({ name: "Acme ", when: "2024-01-01T00:00:00.000Z", amount: "1.50" });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint({ amount: 1.51, when: "2024-01-01T00:00:00Z", name: "Acme" })).not.toBe(a);
  });

  it("canonicalJson is order independent", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [1, { f: 1, e: 2 }] } })).toBe(
      '{"a":{"c":[1,{"e":2,"f":1}],"d":2},"b":1}',
    );
  });
});

describe("compareToLastSynced", () => {
  const mapped = { Name: "Acme", Amount: "1.50", Closed: "2024-01-01T00:00:00Z" };

  it.each<
    [
      string,
      Parameters<typeof compareToLastSynced>[0],
      { equal: boolean; reason: string; changedFields: string[] },
    ]
  >([
    [
      "echo of our own write is equal",
      {
        mapped,
        targetCurrent: {
          Name: "Acme",
          Amount: 1.5,
          Closed: "2024-01-01T00:00:00.000Z",
          Other: "x",
        },
      },
      { equal: true, reason: "matches-target", changedFields: [] },
    ],
    [
      "a real change",
      { mapped, targetCurrent: { Name: "Acme Corp", Amount: 1.5, Closed: "2024-01-01T00:00:00Z" } },
      { equal: false, reason: "changed", changedFields: ["Name"] },
    ],
    [
      "ignored fields do not count",
      {
        mapped,
        targetCurrent: { Name: "Other", Amount: 1.5, Closed: "2024-01-01T00:00:00Z" },
        ignoreFields: ["Name"],
      },
      { equal: true, reason: "matches-target", changedFields: [] },
    ],
    [
      "no target, no fingerprint",
      { mapped, targetCurrent: null },
      { equal: false, reason: "no-target", changedFields: ["Amount", "Closed", "Name"] },
    ],
    [
      "no target, same as last synced",
      {
        mapped,
        targetCurrent: null,
        lastSyncedFingerprint: fingerprint({
          Name: "Acme",
          Amount: 1.5,
          Closed: "2024-01-01T00:00:00.000Z",
        }),
      },
      { equal: true, reason: "matches-last-synced", changedFields: ["Amount", "Closed", "Name"] },
    ],
    [
      "target drifted but payload unchanged since last sync",
      {
        mapped,
        targetCurrent: { Name: "Edited", Amount: 1.5, Closed: "2024-01-01T00:00:00Z" },
        lastSyncedFingerprint: fingerprint(mapped),
      },
      { equal: true, reason: "matches-last-synced", changedFields: ["Name"] },
    ],
    [
      "stale fingerprint does not hide a change",
      {
        mapped,
        targetCurrent: { Name: "Old", Amount: 1.5, Closed: "2024-01-01T00:00:00Z" },
        lastSyncedFingerprint: fingerprint({ ...mapped, Name: "Old" }),
      },
      { equal: false, reason: "changed", changedFields: ["Name"] },
    ],
    [
      "typed compare with case-insensitivity",
      {
        mapped: { Active: "yes", Name: "ACME" },
        targetCurrent: { Active: true, Name: "acme" },
        fieldTypes: { Active: "boolean" },
        options: { caseInsensitive: true },
      },
      { equal: true, reason: "matches-target", changedFields: [] },
    ],
    [
      "null equals empty text",
      { mapped: { Phone: "" }, targetCurrent: { Phone: null } },
      { equal: true, reason: "matches-target", changedFields: [] },
    ],
    [
      "missing target field is a change",
      { mapped: { Phone: "123" }, targetCurrent: {} },
      { equal: false, reason: "changed", changedFields: ["Phone"] },
    ],
  ])("%s", (_name, input, expected) => {
    const result = compareToLastSynced(input);
    expect({
      equal: result.equal,
      reason: result.reason,
      changedFields: result.changedFields,
    }).toEqual(expected);
  });

  it("returns the fingerprint to store, excluding ignored fields", () => {
    const result = compareToLastSynced({
      mapped: { a: 1, b: 2 },
      targetCurrent: null,
      ignoreFields: ["b"],
    });
    expect(result.fingerprint).toBe(fingerprint({ a: 1 }));
  });
});
