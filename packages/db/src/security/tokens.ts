import { createHash, randomBytes } from "node:crypto";

/**
 * Session cookies and API tokens are random bearer values. Only their SHA-256 is stored, so a leaked
 * database dump cannot be replayed as a login. SHA-256 (not argon2) is right here: the values carry
 * 256 bits of entropy, so there is nothing to brute-force and lookups stay an indexed equality.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** 32 random bytes, base64url: safe in cookies, headers and URLs without escaping. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
