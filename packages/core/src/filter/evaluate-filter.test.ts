import { describe, expect, it } from "vitest";
import { evaluateFilter, FilterError } from "./evaluate-filter";

describe("evaluateFilter", () => {
  it.each([
    ['Status = "Active"', { Status: "Active" }, true],
    ['Status = "Active"', { Status: "Closed" }, false],
    ['Status = "Active"', {}, false],
    ["Amount > 100 and $exists(Email)", { Amount: 150, Email: "a@b.c" }, true],
    ["$boolean(Flag)", { Flag: "x" }, true],
  ])("%s on %j is %s", async (expression, record, expected) => {
    expect(await evaluateFilter(expression, record)).toBe(expected);
  });

  it.each([
    ["Name", { Name: "x" }, /must return true or false, got "x"/],
    ["Missing", {}, /got no value/],
    ["Amount", { Amount: 0 }, /got 0/],
    ["$number('x')", {}, /failed/],
  ])("%s on %j is an error", async (expression, record, message) => {
    await expect(evaluateFilter(expression, record)).rejects.toThrow(FilterError);
    await expect(evaluateFilter(expression, record)).rejects.toThrow(message);
  });
});
