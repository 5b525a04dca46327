import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeRecord } from "../types";
import type { PostgresConnector } from "./connector";
import { type PostgresFixture, postgresFixture } from "./test-support";

let fx: PostgresFixture;
let pg: PostgresConnector;

beforeAll(async () => {
  fx = await postgresFixture();
  pg = fx.connector();
  // Five rows share one microsecond-precise timestamp, so paging must break ties on the key.
  await fx.sql.query(`
    CREATE TABLE event (id int PRIMARY KEY, label text, updated_at timestamptz);
    INSERT INTO event
      SELECT n, 'e' || n, timestamptz '2024-01-01 00:00:00.000001+00' + (n / 5) * interval '1 second'
      FROM generate_series(1, 12) AS n;
    INSERT INTO event VALUES (99, 'never stamped', NULL);
    CREATE TABLE naive (id int PRIMARY KEY, modified_at timestamp(6));
    INSERT INTO naive VALUES (1, '2024-03-01 12:00:00.123456'), (2, '2024-03-01 12:00:00.123457');
  `);
});
afterAll(async () => fx?.close());

async function drain(object: string, since: string | null, overlapMs: number, limit: number) {
  const pages: ChangeRecord[][] = [];
  let cursor = since;
  for (let guard = 0; guard < 50; guard++) {
    const page = await pg.readChanges(object, { since: cursor, overlapMs, limit });
    pages.push(page.changes);
    cursor = page.nextCursor;
    if (!page.hasMore) return { pages, cursor };
  }
  throw new Error("paging did not end");
}

describe("readChanges by timestamp", () => {
  it("pages through ties in (updated_at, key) order without repeats or gaps", async () => {
    const { pages, cursor } = await drain("event", null, 0, 4);
    expect(pages.map((p) => p.map((c) => c.key))).toEqual([
      ["1", "2", "3", "4"],
      ["5", "6", "7", "8"],
      ["9", "10", "11", "12"],
    ]);
    expect(pages[0]?.[0]).toMatchObject({
      op: "upsert",
      object: "event",
      record: { id: 1, label: "e1", updated_at: "2024-01-01T00:00:00.000001Z" },
      sourceUpdatedAt: "2024-01-01T00:00:00.000001Z",
    });
    // Nothing new: the same cursor comes back.
    const again = await pg.readChanges("event", { since: cursor, overlapMs: 0, limit: 4 });
    expect(again).toEqual({ changes: [], nextCursor: cursor, hasMore: false });
  });

  it("re-reads the overlap window from a watermark, and pages on past it", async () => {
    const { cursor } = await drain("event", null, 0, 100);
    // A late commit stamped half a second before the watermark is found again with the overlap.
    await fx.sql.query(
      "INSERT INTO event VALUES (50, 'late', timestamptz '2024-01-01 00:00:01.5+00')",
    );
    const withoutOverlap = await drain("event", cursor, 0, 100);
    expect(withoutOverlap.pages.flat()).toEqual([]);
    const withOverlap = await drain("event", cursor, 600, 2);
    // Keys 10..12 (t=2s) and 50 (t=1.5s) are inside the 0.6 s window; 5..9 (t=1s) are not.
    // 10..12 were returned before: duplicates inside the window are expected.
    expect(withOverlap.pages.flat().map((c) => c.key)).toEqual(["50", "10", "11", "12"]);
    expect(withOverlap.pages.map((p) => p.length)).toEqual([2, 2]);
    // Rows at or before the watermark are marked as overlap re-reads, so the engine can drop the
    // ones it already processed (a late commit like 50 has no link yet and still goes through).
    expect(withOverlap.pages[0]?.map((c) => c.overlap)).toEqual([true, true]);
  });

  it("keeps microseconds of naive timestamps in the cursor", async () => {
    const first = await pg.readChanges("naive", { since: null, overlapMs: 0, limit: 1 });
    expect(first.changes.map((c) => c.sourceUpdatedAt)).toEqual(["2024-03-01T12:00:00.123456"]);
    const second = await pg.readChanges("naive", {
      since: first.nextCursor,
      overlapMs: 0,
      limit: 1,
    });
    expect(second.changes.map((c) => c.key)).toEqual(["2"]);
  });

  it("rejects a foreign cursor clearly", async () => {
    await expect(
      pg.readChanges("event", { since: "yesterday", overlapMs: 0, limit: 1 }),
    ).rejects.toMatchObject({ code: "invalid_cursor" });
  });
});

describe("readAll and readByKeys", () => {
  it("pages by primary key", async () => {
    const ids: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page = await pg.readAll("event", { cursor, pageSize: 5 });
      ids.push(...page.records.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 50, 99]);
  });

  it("finds rows by any field", async () => {
    const rows = await pg.readByKeys("event", "label", ["e3", "late", "nope"]);
    expect(rows.map((r) => r.id).sort()).toEqual([3, 50]);
    await expect(pg.readByKeys("event", "nope", ["x"])).rejects.toMatchObject({
      code: "unknown_field",
    });
  });
});
