/**
 * Identifier quoting. Every table and column name that reaches SQL goes through `quoteIdent`;
 * every value is a bind parameter. Names come from the catalog or from callers, never trusted.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new Error("empty SQL identifier");
  if (name.includes("\u0000")) throw new Error("SQL identifier contains a NUL character");
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

/** `"a", "b", "c"` */
export function identList(names: readonly string[]): string {
  return names.map(quoteIdent).join(", ");
}
