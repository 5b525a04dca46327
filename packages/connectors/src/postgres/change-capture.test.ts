import { testAdminDatabaseUrl } from "@duplex/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeRecord } from "../types";
import { capturedTables } from "./change-capture";
import type { PostgresConnector } from "./connector";
import { type PostgresFixture, postgresFixture, sleep, waitFor } from "./test-support";

// Without DATABASE_URL the tests run on embedded PGlite, which has no LISTEN/NOTIFY across
// connections, so the stream test is skipped there.
const embedded = testAdminDatabaseUrl() === null;
if (embedded)
  console.info("change-capture: subscribe test skipped on embedded PGlite (no LISTEN/NOTIFY)");

let fx: PostgresFixture;
let pg: PostgresConnector;

beforeAll(async () => {
  fx = await postgresFixture();
  pg = fx.connector({ readChangesMode: "changeTable", streamPollIntervalMs: 60_000 });
  await fx.sql.query(`
    CREATE TABLE note (id int PRIMARY KEY, body text, price numeric(30, 10),
      updated_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE tag (id int PRIMARY KEY, name text);
  `);
});
afterAll(async () => fx?.close());

async function readAllChanges(since: string | null, object = "note") {
  const page = await pg.readChanges(object, { since, overlapMs: 0, limit: 1000 });
  return page;
}

describe("trigger change capture", () => {
  it("installs idempotently and captures inserts, updates and deletes", async () => {
    await pg.installChangeCapture(["note", "tag"]);
    await pg.installChangeCapture(["note"]);
    expect(await capturedTables(fx.sql, "public")).toEqual(["note", "tag"]);

    const start = await readAllChanges(null);
    await fx.sql.query(
      "INSERT INTO note VALUES (1, 'hello', 12345678901234567890.0123456789, '2024-05-01T10:00:00.5Z')",
    );
    await fx.sql.query("UPDATE note SET body = 'hello again' WHERE id = 1");
    await fx.sql.query("DELETE FROM note WHERE id = 1");
    await fx.sql.query("INSERT INTO tag VALUES (7, 'other table')");
    const page = await readAllChanges(start.nextCursor);
    expect(page.changes.map((c) => [c.op, c.key, c.record?.body])).toEqual([
      ["upsert", "1", "hello"],
      ["upsert", "1", "hello again"],
      ["delete", "1", "hello again"],
    ]);
    // Values come back typed like any read: exact numerics, ISO timestamps.
    expect(page.changes[0]).toMatchObject({
      object: "note",
      record: { price: "12345678901234567890.0123456789", updated_at: "2024-05-01T10:00:00.5Z" },
      sourceUpdatedAt: "2024-05-01T10:00:00.5Z",
    });
    const tags = await readAllChanges(start.nextCursor, "tag");
    expect(tags.changes.map((c) => c.key)).toEqual(["7"]);
  });

  it.skipIf(embedded)(
    "does not miss a transaction that commits after a later one was read",
    async () => {
      const before = await readAllChanges(null);
      const slow = await fx.sql.connect();
      try {
        await slow.query("BEGIN");
        await slow.query("INSERT INTO note (id, body) VALUES (10, 'slow')"); // takes the lower seq
        await fx.sql.query("INSERT INTO note (id, body) VALUES (11, 'fast')");
        const first = await readAllChanges(before.nextCursor);
        expect(first.changes.map((c) => c.key)).toEqual(["11"]);
        await slow.query("COMMIT");
        const second = await readAllChanges(first.nextCursor);
        expect(second.changes.map((c) => c.key)).toEqual(["10"]);
        const third = await readAllChanges(second.nextCursor);
        expect(third.changes).toEqual([]);
      } finally {
        slow.release();
      }
    },
  );

  it.skipIf(embedded)("reads a late transaction's rows out page by page", async () => {
    const before = await readAllChanges(null);
    const slow = await fx.sql.connect();
    try {
      await slow.query("BEGIN");
      await slow.query(
        "INSERT INTO note (id, body) SELECT n, 'slow' FROM generate_series(20, 22) n",
      );
      await fx.sql.query("INSERT INTO note (id, body) VALUES (23, 'fast')");
      const first = await readAllChanges(before.nextCursor);
      expect(first.changes.map((c) => c.key)).toEqual(["23"]);
      await slow.query("COMMIT");
      const keys: string[] = [];
      let cursor = first.nextCursor;
      for (let more = true; more; ) {
        const page = await pg.readChanges("note", { since: cursor, overlapMs: 0, limit: 1 });
        keys.push(...page.changes.map((c) => c.key));
        cursor = page.nextCursor;
        more = page.hasMore;
      }
      expect(keys).toEqual(["20", "21", "22"]);
      expect((await readAllChanges(cursor)).changes).toEqual([]);
    } finally {
      slow.release();
    }
  });

  it("pages with a limit", async () => {
    const before = await readAllChanges(null);
    await fx.sql.query(
      "INSERT INTO note (id, body) SELECT n, 'bulk' FROM generate_series(100, 104) n",
    );
    const keys: string[] = [];
    let cursor = before.nextCursor;
    for (let more = true; more; ) {
      const page = await pg.readChanges("note", { since: cursor, overlapMs: 0, limit: 2 });
      keys.push(...page.changes.map((c) => c.key));
      cursor = page.nextCursor;
      more = page.hasMore;
    }
    expect(keys).toEqual(["100", "101", "102", "103", "104"]);
  });

  it.skipIf(embedded)("streams through subscribe in micro-batches", async () => {
    const batches: ChangeRecord[][] = [];
    const sub = await pg.subscribe({
      objects: ["note"],
      maxBatchSize: 3,
      maxDelayMs: 150,
      onChanges: async (changes) => {
        batches.push(changes);
      },
    });
    try {
      // Two separate transactions close together travel in one batch.
      await fx.sql.query("INSERT INTO note (id, body) VALUES (200, 'a')");
      await fx.sql.query("INSERT INTO note (id, body) VALUES (201, 'b')");
      await waitFor(() => batches.flat().length === 2);
      expect(batches.map((b) => b.length)).toEqual([2]);
      // Seven rows at once come in batches of at most three.
      await fx.sql.query(
        "INSERT INTO note (id, body) SELECT n, 'c' FROM generate_series(300, 306) n",
      );
      await waitFor(() => batches.flat().length === 9);
      expect(batches.slice(1).map((b) => b.length)).toEqual([3, 3, 1]);
      expect(batches.flat().map((c) => c.key)).toEqual([
        "200",
        "201",
        ...Array.from({ length: 7 }, (_, i) => String(300 + i)),
      ]);
    } finally {
      await sub.close();
    }
    // Resuming from the last delivered cursor sees only what happened after it.
    const last = batches.flat().at(-1)?.cursor ?? null;
    await fx.sql.query("UPDATE note SET body = 'later' WHERE id = 200");
    const resumed: ChangeRecord[] = [];
    const again = await pg.subscribe({
      objects: ["note"],
      since: last,
      maxBatchSize: 10,
      maxDelayMs: 50,
      onChanges: async (changes) => {
        resumed.push(...changes);
      },
    });
    try {
      await waitFor(() => resumed.length > 0);
      await sleep(200);
      expect(resumed.map((c) => [c.key, c.record?.body])).toEqual([["200", "later"]]);
    } finally {
      await again.close();
    }
  });

  it("removes idempotently and drops the schema when nothing is captured", async () => {
    await pg.removeChangeCapture(["tag"]);
    expect(await capturedTables(fx.sql, "public")).toEqual(["note"]);
    await pg.removeChangeCapture(["note"]);
    await pg.removeChangeCapture(["note"]);
    const schema = await fx.sql.query("SELECT to_regnamespace('duplex_cdc') IS NULL AS gone");
    expect(schema.rows).toEqual([{ gone: true }]);
    await expect(readAllChanges(null)).rejects.toMatchObject({
      code: "change_capture_not_installed",
    });
  });
});
