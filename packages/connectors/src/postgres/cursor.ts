import { z } from "zod";
import { decodeCursor } from "../cursor-codec";

/**
 * Cursor formats. They are JSON so the watermark stays readable in the UI, and versioned so they
 * can change. Nothing outside this connector parses them.
 *
 * - `timestamp`: `{"v":1,"mode":"timestamp","at":"<updated-at as Postgres prints it>","key":"<pk>","exact":bool}`.
 *   `exact: false` marks a watermark: the next read starts `overlapMs` before `at`. `exact: true`
 *   marks a page boundary inside one read: the next page continues right after (at, key).
 * - `changeTable`: `{"v":1,"mode":"changeTable","seq":"<seq>","open":["<txid>",...]}` plus, after a
 *   page cut short, `"resume":["<txid>",...],"after":"<seq>"`. `open` lists the transactions still
 *   running when the page was read; `resume` those whose rows were only partly read (see change-feed).
 * - `readAll`: `{"v":1,"after":"<pk>"}`.
 * - `lsn` (logical replication): `{"v":1,"mode":"lsn","lsn":"0/16B3748"}`.
 */
const timestampCursor = z.object({
  v: z.literal(1),
  mode: z.literal("timestamp"),
  at: z.string(),
  key: z.string(),
  exact: z.boolean(),
});
const changeTableCursor = z.object({
  v: z.literal(1),
  mode: z.literal("changeTable"),
  seq: z.string().regex(/^\d+$/),
  open: z.array(z.string().regex(/^\d+$/)),
  resume: z.array(z.string().regex(/^\d+$/)).optional(),
  after: z.string().regex(/^\d+$/).optional(),
});
const lsnCursor = z.object({ v: z.literal(1), mode: z.literal("lsn"), lsn: z.string() });
const pageCursor = z.object({ v: z.literal(1), after: z.string() });

export type TimestampCursor = z.infer<typeof timestampCursor>;
export type ChangeTableCursor = z.infer<typeof changeTableCursor>;
export type LsnCursor = z.infer<typeof lsnCursor>;

function decode<T>(schema: z.ZodType<T>, cursor: string, what: string): T {
  return decodeCursor(schema, cursor, `Postgres ${what}`);
}

export const cursors = {
  timestamp: {
    encode: (c: Omit<TimestampCursor, "v" | "mode">) =>
      JSON.stringify({ v: 1, mode: "timestamp", ...c }),
    decode: (s: string) => decode(timestampCursor, s, "timestamp"),
  },
  changeTable: {
    encode: (c: Omit<ChangeTableCursor, "v" | "mode">) =>
      JSON.stringify({ v: 1, mode: "changeTable", ...c }),
    decode: (s: string) => decode(changeTableCursor, s, "change-table"),
  },
  lsn: {
    encode: (lsn: string) => JSON.stringify({ v: 1, mode: "lsn", lsn }),
    decode: (s: string) => decode(lsnCursor, s, "LSN"),
  },
  page: {
    encode: (after: string) => JSON.stringify({ v: 1, after }),
    decode: (s: string) => decode(pageCursor, s, "page"),
  },
};
