import { z } from "zod";

/**
 * Text that Postgres can store and an index can hold: no NUL characters (Postgres rejects them
 * with a server error) and a length cap (a multi-kilobyte value breaks btree indexes). Every
 * free-text input goes through this, so hostile input is a BAD_REQUEST, never a 500.
 */
export function text(max: number, min = 1) {
  return z
    .string()
    .min(min, min === 1 ? "Required." : `At least ${min} characters.`)
    .max(max, `At most ${max} characters.`)
    .refine((value) => !value.includes("\u0000"), "Must not contain NUL characters.");
}

export const idSchema = z.uuid("Must be an id (UUID).");

/** Lower-case letters, digits and . _ - ; stored lower-case so "Ann" and "ann" are one account. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, "2–64 characters: letters, digits, dot, dash, underscore.");

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email("Must be an email address."));

/** Long passphrases welcome; the cap only stops hashing megabytes. */
export const newPasswordSchema = z
  .string()
  .min(12, "At least 12 characters.")
  .max(256, "At most 256 characters.")
  .refine((value) => !value.includes("\u0000"), "Must not contain NUL characters.");

export const roleSchema = z.enum(["admin", "builder", "operator", "viewer"]);

/** JSON values Postgres jsonb accepts: no NUL in any string, bounded size and depth. */
export function jsonSafetyProblem(
  value: unknown,
  maxDepth = 20,
  maxStringLength = 100_000,
): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    nodes += 1;
    if (nodes > 10_000) return "is too large";
    if (item.depth > maxDepth) return "is nested too deeply";
    const current = item.value;
    if (typeof current === "string") {
      if (current.includes("\u0000")) return "must not contain NUL characters";
      if (current.length > maxStringLength) return "contains a string that is too long";
    } else if (Array.isArray(current)) {
      for (const inner of current) stack.push({ value: inner, depth: item.depth + 1 });
    } else if (current !== null && typeof current === "object") {
      for (const [key, inner] of Object.entries(current)) {
        if (key.includes("\u0000") || key.length > 1000) return "has an invalid key";
        stack.push({ value: inner, depth: item.depth + 1 });
      }
    }
  }
  return null;
}
