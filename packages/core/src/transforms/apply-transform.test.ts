import { describe, expect, it } from "vitest";
import { type Transform, transformSchema } from "../definitions/transform";
import { applyTransformChain, applyTransformChainOrThrow } from "./apply-transform";
import type { TransformContext } from "./transform-result";

const record = { FirstName: "Ada", LastName: "Lovelace", Middle: "", Amount: 10, Tags: "a; b ;c" };
const links: Record<string, string> = { "account:A-1": "B-1" };
const ctx: TransformContext = {
  field: "target_field",
  record,
  resolveReference: (object, key) => links[`${object}:${key}`],
};

/** Table rows give transforms in their input shape; the schema fills defaults as the editor would. */
const chain = (...inputs: unknown[]): Transform[] => inputs.map((t) => transformSchema.parse(t));

describe("applyTransformChain: each transform", () => {
  it.each<[string, unknown, unknown[], unknown]>([
    ["cast number de-DE", "1.234,5", [{ type: "cast", to: "number", locale: "de-DE" }], 1234.5],
    ["cast boolean", "yes", [{ type: "cast", to: "boolean" }], true],
    ["cast date", "2024-01-02T03:04:05Z", [{ type: "cast", to: "date" }], "2024-01-02"],
    ["replace hit", "Mrs", [{ type: "replace", values: { Mrs: "Mrs." } }], "Mrs."],
    ["replace keep", "Dr", [{ type: "replace", values: { Mrs: "Mrs." } }], "Dr"],
    [
      "replace case-insensitive",
      "mrs",
      [{ type: "replace", values: { Mrs: "Mrs." }, caseInsensitive: true }],
      "Mrs.",
    ],
    [
      "replace default",
      "X",
      [{ type: "replace", values: { A: 1 }, unmatched: "default", default: 0 }],
      0,
    ],
    ["replace number input", 2, [{ type: "replace", values: { "2": "Two" } }], "Two"],
    [
      "replace null passes",
      null,
      [{ type: "replace", values: { A: "B" }, unmatched: "fail" }],
      null,
    ],
    ["calc over record", null, [{ type: "calc", expression: "Amount * 2" }], 20],
    [
      "calc with $value",
      "x",
      [{ type: "calc", expression: "$uppercase($value) & FirstName" }],
      "XAda",
    ],
    ["calc no match is null", 1, [{ type: "calc", expression: "Missing" }], null],
    ["split to array", "a, b,c", [{ type: "split", separator: "," }], ["a", "b", "c"]],
    ["split index", "Ada Lovelace", [{ type: "split", separator: " ", index: 0 }], "Ada"],
    ["split last", "a/b/c", [{ type: "split", separator: "/", index: -1 }], "c"],
    ["split past end", "Cher", [{ type: "split", separator: " ", index: 1 }], null],
    [
      "join fields",
      null,
      [{ type: "join", fields: ["FirstName", "Middle", "LastName"] }],
      "Ada Lovelace",
    ],
    [
      "join keeps empty",
      null,
      [{ type: "join", separator: "|", fields: ["FirstName", "Middle"], skipEmpty: false }],
      "Ada|",
    ],
    ["join array", ["a", "b"], [{ type: "join", separator: ";" }], "a;b"],
    [
      "split then join",
      "a; b ;c",
      [
        { type: "split", separator: ";" },
        { type: "join", separator: "," },
      ],
      "a,b,c",
    ],
    ["case upper", "abc", [{ type: "case", to: "upper" }], "ABC"],
    ["case lower", "ÄBC", [{ type: "case", to: "lower" }], "äbc"],
    [
      "case title",
      "mary-jane o'neil DON'T",
      [{ type: "case", to: "title" }],
      "Mary-Jane O'neil Don't",
    ],
    ["trim", "  a  b ", [{ type: "trim" }], "a  b"],
    ["trim collapse", "  a \n b ", [{ type: "trim", collapseWhitespace: true }], "a b"],
    ["default on null", null, [{ type: "default", value: "n/a" }], "n/a"],
    ["default on blank", "  ", [{ type: "default", value: "n/a" }], "n/a"],
    ["default null-only keeps blank", "", [{ type: "default", value: "n/a", when: "null" }], ""],
    ["default keeps value", "x", [{ type: "default", value: "n/a" }], "x"],
    [
      "date-format",
      "2024-03-05T14:07:09Z",
      [{ type: "date-format", pattern: "dd.MM.yyyy HH:mm:ss" }],
      "05.03.2024 14:07:09",
    ],
    [
      "date-format names",
      "2024-03-05",
      [{ type: "date-format", pattern: "EEE, MMM d, yyyy" }],
      "Tue, Mar 5, 2024",
    ],
    [
      "date-format literal",
      "2024-03-05T09:00:00+02:00",
      [{ type: "date-format", pattern: "yyyy-MM-dd'T'hh a XXX" }],
      "2024-03-05T09 AM +02:00",
    ],
    [
      "date-format epoch",
      Date.UTC(2024, 0, 1),
      [{ type: "date-format", pattern: "yy/M/d" }],
      "24/1/1",
    ],
    [
      "escape html",
      `<a href="x">Tom & 'J'</a>`,
      [{ type: "escape", format: "html" }],
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;J&#39;&lt;/a&gt;",
    ],
    ["escape csv plain", "abc", [{ type: "escape", format: "csv" }], "abc"],
    ["escape csv quoted", 'a,"b"', [{ type: "escape", format: "csv" }], '"a,""b"""'],
    ["escape json", 'say "hi"\n', [{ type: "escape", format: "json" }], 'say \\"hi\\"\\n'],
    ["encode base64", "héllo", [{ type: "encode", format: "base64" }], "aMOpbGxv"],
    ["encode base64 pad", "ab", [{ type: "encode", format: "base64" }], "YWI="],
    ["decode base64", "aMOpbGxv", [{ type: "encode", format: "base64-decode" }], "héllo"],
    ["encode url", "a b&c/é", [{ type: "encode", format: "url" }], "a%20b%26c%2F%C3%A9"],
    ["decode url", "a%20b+c", [{ type: "encode", format: "url-decode" }], "a b c"],
    ["reference resolved", "A-1", [{ type: "reference", object: "account" }], "B-1"],
    ["reference null", null, [{ type: "reference", object: "account" }], null],
    ["empty chain", "same", [], "same"],
    ["undefined becomes null", undefined, [], null],
  ])("%s", async (_name, value, transforms, expected) => {
    expect(await applyTransformChain(value, chain(...transforms), ctx)).toEqual({
      status: "ok",
      value: expected,
    });
  });
});

describe("applyTransformChain: failures name field, transform and value", () => {
  it.each<
    [string, unknown, unknown[], { code: string; transform: string; index: number; value: unknown }]
  >([
    [
      "cast",
      "abc",
      [{ type: "cast", to: "number" }],
      { code: "cast-failed", transform: "cast", index: 0, value: "abc" },
    ],
    [
      "replace fail",
      "Z",
      [{ type: "replace", values: { A: "B" }, unmatched: "fail" }],
      { code: "unmatched-value", transform: "replace", index: 0, value: "Z" },
    ],
    [
      "calc runtime error",
      1,
      [{ type: "calc", expression: "$number('x')" }],
      { code: "expression-failed", transform: "calc", index: 0, value: 1 },
    ],
    [
      "split object",
      { a: 1 },
      [{ type: "split", separator: "," }],
      { code: "invalid-input", transform: "split", index: 0, value: { a: 1 } },
    ],
    [
      "join scalar",
      "abc",
      [{ type: "join" }],
      { code: "invalid-input", transform: "join", index: 0, value: "abc" },
    ],
    [
      "case object",
      [1],
      [{ type: "case", to: "upper" }],
      { code: "invalid-input", transform: "case", index: 0, value: [1] },
    ],
    [
      "trim object",
      { a: 1 },
      [{ type: "trim" }],
      { code: "invalid-input", transform: "trim", index: 0, value: { a: 1 } },
    ],
    [
      "date-format not a date",
      "soon",
      [{ type: "date-format", pattern: "yyyy" }],
      { code: "invalid-input", transform: "date-format", index: 0, value: "soon" },
    ],
    [
      "date-format bad letter",
      "2024-01-01",
      [{ type: "date-format", pattern: "yyyy-QQ" }],
      { code: "invalid-input", transform: "date-format", index: 0, value: "2024-01-01" },
    ],
    [
      "escape object",
      { a: 1 },
      [{ type: "escape", format: "html" }],
      { code: "invalid-input", transform: "escape", index: 0, value: { a: 1 } },
    ],
    [
      "base64 decode",
      "***",
      [{ type: "encode", format: "base64-decode" }],
      { code: "decode-failed", transform: "encode", index: 0, value: "***" },
    ],
    [
      "base64 not utf-8",
      "/w==",
      [{ type: "encode", format: "base64-decode" }],
      { code: "decode-failed", transform: "encode", index: 0, value: "/w==" },
    ],
    [
      "url decode",
      "%E0%A4%A",
      [{ type: "encode", format: "url-decode" }],
      { code: "decode-failed", transform: "encode", index: 0, value: "%E0%A4%A" },
    ],
    [
      "second step fails",
      " x ",
      [{ type: "trim" }, { type: "cast", to: "integer" }],
      { code: "cast-failed", transform: "cast", index: 1, value: "x" },
    ],
  ])("%s", async (_name, value, transforms, expected) => {
    const result = await applyTransformChain(value, chain(...transforms), ctx);
    expect(result.status).toBe("failed");
    if (result.status !== "failed") return;
    expect(result.error).toMatchObject({ ...expected, field: "target_field" });
    expect(result.error.message.length).toBeGreaterThan(0);
  });

  it("reports an unlinked parent instead of failing", async () => {
    const result = await applyTransformChain(
      "A-2",
      chain({ type: "reference", object: "account" }),
      ctx,
    );
    expect(result).toEqual({
      status: "parent-not-linked",
      reference: { field: "target_field", object: "account", sourceKey: "A-2" },
    });
  });

  it("fails a reference without a resolver", async () => {
    const result = await applyTransformChain(
      "A-1",
      chain({ type: "reference", object: "account" }),
      {
        field: "f",
        record: {},
      },
    );
    expect(result).toMatchObject({ status: "failed", error: { code: "no-reference-resolver" } });
  });

  it("throws a TransformError naming field, transform and value", async () => {
    await expect(
      applyTransformChainOrThrow("abc", chain({ type: "cast", to: "number" }), ctx),
    ).rejects.toThrow(/target_field: cast \(#1\) failed for "abc"/);
  });
});
