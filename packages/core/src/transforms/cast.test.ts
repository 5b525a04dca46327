import { describe, expect, it } from "vitest";
import type { CastTarget } from "../definitions/transform";
import { castValue } from "./cast";
import { parseLocaleNumber } from "./parse-number";

describe("parseLocaleNumber", () => {
  it.each([
    ["1.234,56", "de-DE", 1234.56],
    ["1,234.56", "en-US", 1234.56],
    ["-1,234,567.5", "en-US", -1234567.5],
    ["1\u202f234,5", "fr-FR", 1234.5],
    ["1 234,5", "fr-FR", 1234.5],
    ["1'234.5", "de-CH", 1234.5],
    ["12,34,567", "en-IN", 1234567],
    ["42", "en-US", 42],
    [",5", "de-DE", 0.5],
    ["+3", "en-US", 3],
    ["1.5e3", "en-US", 1500],
    ["  7  ", "en-US", 7],
  ])("%s in %s is %d", (text, locale, expected) => {
    expect(parseLocaleNumber(text, locale)).toBe(expected);
  });

  it.each([
    ["1,5", "en-US"],
    ["1.234,56", "en-US"],
    ["1234.5", "de-DE"],
    ["12a", "en-US"],
    ["1,2,3", "en-US"],
    ["1.", "en-US"],
    ["--1", "en-US"],
    ["", "en-US"],
  ])("%s in %s is not a number", (text, locale) => {
    expect(parseLocaleNumber(text, locale)).toBeUndefined();
  });
});

describe("castValue", () => {
  it.each<[unknown, CastTarget, string | undefined, unknown]>([
    [12, "string", undefined, "12"],
    [true, "string", undefined, "true"],
    [{ a: 1 }, "string", undefined, '{"a":1}'],
    ["1.234,56", "number", "de-DE", 1234.56],
    ["1,234.56", "number", "en-US", 1234.56],
    [true, "number", undefined, 1],
    ["1.234", "integer", "de-DE", 1234],
    [7, "integer", undefined, 7],
    ["yes", "boolean", undefined, true],
    ["No", "boolean", undefined, false],
    ["1", "boolean", undefined, true],
    ["0", "boolean", undefined, false],
    ["TRUE", "boolean", undefined, true],
    [0, "boolean", undefined, false],
    ["2024-03-05", "date", undefined, "2024-03-05"],
    ["2024-03-05T23:30:00-05:00", "date", undefined, "2024-03-05"],
    ["03/05/2024", "date", "en-US", "2024-03-05"],
    ["05/03/2024", "date", "en-GB", "2024-03-05"],
    ["05.03.2024", "date", "de-DE", "2024-03-05"],
    ["2024/03/05", "date", "en-US", "2024-03-05"],
    ["2024.03.05", "date", "de-DE", "2024-03-05"],
    [Date.UTC(2024, 2, 5, 12), "date", undefined, "2024-03-05"],
    ["2024-03-05T10:00:00+02:00", "datetime", undefined, "2024-03-05T08:00:00.000Z"],
    ["2024-03-05 10:00:00+00", "datetime", undefined, "2024-03-05T10:00:00.000Z"],
    ["2024-03-05T10:00:00.123456Z", "datetime", undefined, "2024-03-05T10:00:00.123Z"],
    ["2024-03-05", "datetime", undefined, "2024-03-05T00:00:00.000Z"],
    ["05.03.2024 14:30", "datetime", "de-DE", "2024-03-05T14:30:00.000Z"],
    ["3/5/2024 2:30 PM", "datetime", "en-US", "2024-03-05T14:30:00.000Z"],
    [null, "number", undefined, null],
    [undefined, "date", undefined, null],
  ])("cast %j to %s (%s) = %j", (value, to, locale, expected) => {
    expect(castValue(value, to, locale)).toEqual(expected);
  });

  it.each<[unknown, CastTarget, string | undefined, RegExp]>([
    ["abc", "number", undefined, /cannot cast "abc" to number/],
    ["", "number", undefined, /empty text/],
    ["1,5", "number", "en-US", /en-US/],
    [1.5, "integer", undefined, /fractional/],
    ["maybe", "boolean", undefined, /expected true\/false/],
    [2, "boolean", undefined, /cannot cast 2 to boolean/],
    [true, "date", undefined, /cannot cast true to date/],
    ["2024-02-30", "date", undefined, /to date/],
    ["13/45/2024", "date", "en-US", /to date/],
    ["05.03.24", "date", "de-DE", /to date/],
    [{ a: 1 }, "number", undefined, /to number/],
    [Number.NaN, "number", undefined, /to number/],
  ])("cast %j to %s (%s) fails", (value, to, locale, message) => {
    expect(() => castValue(value, to, locale)).toThrow(message);
  });
});
