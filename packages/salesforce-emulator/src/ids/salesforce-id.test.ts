import { describe, expect, it } from "vitest";
import { checksumSuffix, isWellFormedId, mintId, normalizeId } from "./salesforce-id";

describe("Salesforce IDs", () => {
  it.each([
    ["0013000000Hh3bw", "AAB"],
    ["001A0000006Vm9r", "IAC"],
    ["ZZZZZZZZZZZZZZZ", "555"],
  ])("checksum of %s is %s", (id15, suffix) => {
    expect(checksumSuffix(id15)).toBe(suffix);
  });

  it("mints 18-char IDs with the key prefix and a valid checksum", () => {
    const id = mintId("001", 123456789);
    expect(id).toHaveLength(18);
    expect(id.startsWith("001")).toBe(true);
    expect(isWellFormedId(id)).toBe(true);
  });

  it.each([
    ["0013000000Hh3bw", "0013000000Hh3bwAAB"],
    ["0013000000Hh3bwAAB", "0013000000Hh3bwAAB"],
    // Lower-cased by a case-insensitive system: the suffix restores the case.
    ["0013000000hh3bwaab", "0013000000Hh3bwAAB"],
  ])("normalizes %s to %s", (input, expected) => {
    expect(normalizeId(input)).toBe(expected);
  });

  it.each(["", "abc", "001!000000Hh3bw", "0013000000Hh3bwAA", "0013000000Hh3bwAAB1"])(
    "rejects %j",
    (input) => {
      expect(normalizeId(input)).toBeUndefined();
      expect(isWellFormedId(input)).toBe(false);
    },
  );
});
