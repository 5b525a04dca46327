import { z } from "zod";
import { decodeCursor } from "../cursor-codec";

/**
 * Cursor formats: JSON so the watermark stays readable in the UI, versioned so they can change.
 * Nothing outside this connector parses them.
 *
 * - `modstamp`: `{"v":1,"mode":"modstamp","at":"<SystemModstamp, ISO UTC>","key":"<Id>","exact":bool}`.
 *   `exact: false` marks a watermark: the next read starts `overlapMs` before `at`. `exact: true`
 *   marks a page boundary inside one read: the next page continues right after (at, key).
 * - `readAll`: `{"v":1,"after":"<Id>"}`.
 */
const modstampCursor = z.object({
  v: z.literal(1),
  mode: z.literal("modstamp"),
  at: z.iso.datetime(),
  key: z.string().regex(/^[A-Za-z0-9]{15,18}$/),
  exact: z.boolean(),
});
const pageCursor = z.object({ v: z.literal(1), after: z.string().regex(/^[A-Za-z0-9]{15,18}$/) });

export type ModstampCursor = z.infer<typeof modstampCursor>;

function decode<T>(schema: z.ZodType<T>, cursor: string, what: string): T {
  return decodeCursor(schema, cursor, `Salesforce ${what}`);
}

export const cursors = {
  modstamp: {
    encode: (c: Omit<ModstampCursor, "v" | "mode">) =>
      JSON.stringify({ v: 1, mode: "modstamp", ...c }),
    decode: (s: string) => decode(modstampCursor, s, "SystemModstamp"),
  },
  page: {
    encode: (after: string) => JSON.stringify({ v: 1, after }),
    decode: (s: string) => decode(pageCursor, s, "page"),
  },
};
