import type { z } from "zod";
import { ConnectorError } from "./types";

/**
 * Parses a connector's JSON cursor with its schema. A cursor that does not parse (a watermark from
 * another connector, or edited by hand) is a permanent error naming what was expected.
 */
export function decodeCursor<T>(schema: z.ZodType<T>, cursor: string, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(cursor);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ConnectorError(`not a ${what} cursor: ${cursor}`, "invalid_cursor", false);
  return parsed.data;
}
