import type { TransformOf } from "../definitions/transform";
import { asText } from "./text-transforms";
import { describeValue, TransformStepError } from "./transform-result";

// Base64 by hand rather than Buffer or btoa: core also runs in the browser and in Temporal's
// workflow sandbox, and btoa only handles Latin-1.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function base64Encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    out += b1 === undefined ? "=" : ALPHABET[(n >> 6) & 63];
    out += b2 === undefined ? "=" : ALPHABET[n & 63];
  }
  return out;
}

/** Decodes standard or URL-safe base64 into UTF-8 text; undefined when either step is invalid. */
export function base64Decode(encoded: string): string | undefined {
  const clean = encoded.replace(/\s+/g, "").replaceAll("-", "+").replaceAll("_", "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  const body = clean.replace(/=+$/, "");
  if (body.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of body) {
    buffer = (buffer << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

export function applyEncode(
  value: unknown,
  format: TransformOf<"encode">["format"],
): string | null {
  if (value === null || value === undefined) return null;
  const text = asText(value, "encode");
  switch (format) {
    case "base64":
      return base64Encode(text);
    case "base64-decode": {
      const decoded = base64Decode(text);
      if (decoded === undefined) {
        throw new TransformStepError(
          "decode-failed",
          `${describeValue(value)} is not base64 UTF-8 text`,
        );
      }
      return decoded;
    }
    case "url":
      return encodeURIComponent(text);
    case "url-decode":
      try {
        return decodeURIComponent(text.replaceAll("+", " "));
      } catch {
        throw new TransformStepError("decode-failed", `${describeValue(value)} is not URL-encoded`);
      }
  }
}
