/** SQLSTATE checks for the few database refusals that are the caller's fault, not a server fault. */
function pgCode(error: unknown): string | null {
  let current: unknown = error;
  // Drizzle wraps driver errors; the SQLSTATE sits on the cause.
  for (let i = 0; i < 3 && current instanceof Error; i += 1) {
    if ("code" in current && typeof current.code === "string") return current.code;
    current = current.cause;
  }
  return null;
}

export function isUniqueViolation(error: unknown): boolean {
  return pgCode(error) === "23505";
}

export function isForeignKeyViolation(error: unknown): boolean {
  return pgCode(error) === "23503";
}
