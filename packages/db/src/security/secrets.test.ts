import { describe, expect, it } from "vitest";
import { generateSecretKey, openSecret, parseKeyRing, sealSecret } from "./secrets";

describe("secrets", () => {
  const v1 = generateSecretKey();
  const v2 = generateSecretKey().replace(/^v1:/, "v2:");

  it("round-trips and never stores the plaintext", () => {
    const ring = parseKeyRing(v1);
    const sealed = sealSecret(ring, "hunter2-password");
    expect(sealed.ciphertext).not.toContain("hunter2");
    expect(sealed.keyVersion).toBe(1);
    expect(openSecret(ring, sealed.ciphertext)).toBe("hunter2-password");
  });

  it("uses a fresh IV each time", () => {
    const ring = parseKeyRing(v1);
    expect(sealSecret(ring, "x").ciphertext).not.toBe(sealSecret(ring, "x").ciphertext);
  });

  it("opens old ciphertexts after rotation and seals new ones under the newest key", () => {
    const old = sealSecret(parseKeyRing(v1), "s3cret");
    const rotated = parseKeyRing(`${v2},${v1}`);
    expect(openSecret(rotated, old.ciphertext)).toBe("s3cret");
    expect(sealSecret(rotated, "s3cret").keyVersion).toBe(2);
  });

  it.each([
    ["an unknown key version", (c: string) => c.replace(/^v1:/, "v9:"), /key version 9/],
    ["tampered data", (c: string) => `${c.slice(0, -4)}AAAA`, /tampered/],
    ["a foreign format", () => "plain", /sealed format/],
  ])("refuses %s with a clear message", (_name, mutate, message) => {
    const ring = parseKeyRing(v1);
    const sealed = sealSecret(ring, "value");
    expect(() => openSecret(ring, mutate(sealed.ciphertext))).toThrow(message);
  });
});
