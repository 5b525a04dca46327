import { randomBytes } from "node:crypto";
import { testAdminDatabaseUrl } from "@duplex/testing";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ChangeRecord } from "../types";
import type { PostgresConnector } from "./connector";
import { type PostgresFixture, postgresFixture, sleep, waitFor } from "./test-support";

// Logical decoding needs a real server with wal_level=logical (scripts/enable-logical-replication.sh).
// It is checked before the tests are collected so the skip is visible, with its reason.
async function skipReason(): Promise<string | null> {
  const url = testAdminDatabaseUrl();
  if (url === null) return "embedded PGlite has no logical replication";
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query("SHOW wal_level");
    const level: unknown = result.rows[0]?.wal_level;
    return level === "logical" ? null : `wal_level is ${String(level)}, not logical`;
  } finally {
    await client.end();
  }
}
const reason = await skipReason();
if (reason !== null) console.info(`logical replication test skipped: ${reason}`);

// Slot names are cluster-wide, so each run uses its own.
const suffix = randomBytes(4).toString("hex");
let fx: PostgresFixture;
let connector: PostgresConnector;

beforeAll(async () => {
  if (reason !== null) return;
  fx = await postgresFixture();
  connector = fx.connector({
    streamMode: "logical",
    slotName: `duplex_test_${suffix}`,
    publicationName: `duplex_test_${suffix}`,
  });
  await fx.sql.query(`
    CREATE TABLE account (id int PRIMARY KEY, name text, updated_at timestamptz DEFAULT now(), balance numeric);
    CREATE TABLE ignored (id int PRIMARY KEY);
  `);
  const setup = await connector.setupLogicalReplication(["account"]);
  expect(setup.createdSlot).toBe(true);
  expect((await connector.setupLogicalReplication(["account"])).createdSlot).toBe(false);
});

afterAll(async () => {
  if (reason !== null) return;
  await connector.teardownLogicalReplication();
  await fx.close();
});

it.skipIf(reason !== null)(
  "streams inserts, updates and deletes and acknowledges only what onChanges took",
  async () => {
    const seen: ChangeRecord[] = [];
    let fail = true;
    const errors: unknown[] = [];
    const sub = await connector.subscribe({
      objects: ["account"],
      maxBatchSize: 10,
      maxDelayMs: 50,
      onError: (error) => errors.push(error),
      onChanges: async (changes) => {
        // The first delivery fails: it must be retried, not acknowledged.
        if (fail) {
          fail = false;
          throw new Error("consumer down");
        }
        seen.push(...changes);
      },
    });
    try {
      await fx.sql.query("INSERT INTO account (id, name, balance) VALUES (1, 'Ada', 10.50)");
      await fx.sql.query("INSERT INTO ignored VALUES (1)");
      await fx.sql.query("UPDATE account SET name = 'Ada L.' WHERE id = 1");
      await fx.sql.query("DELETE FROM account WHERE id = 1");
      await waitFor(() => seen.length >= 3, 15_000);
      expect(seen.map((c) => [c.op, c.key, c.record?.name])).toEqual([
        ["upsert", "1", "Ada"],
        ["upsert", "1", "Ada L."],
        ["delete", "1", undefined],
      ]);
      expect(seen[0]).toMatchObject({ object: "account", record: { id: 1, balance: "10.50" } });
      expect(seen[0]?.sourceUpdatedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
      expect(JSON.parse(seen[0]?.cursor ?? "{}")).toMatchObject({ mode: "lsn" });
      expect(errors).toHaveLength(1);
    } finally {
      await sub.close();
    }

    // A new subscription resumes after the acknowledged position: nothing is delivered twice.
    await fx.sql.query("INSERT INTO account (id, name) VALUES (2, 'Grace')");
    const again: ChangeRecord[] = [];
    const resumed = await connector.subscribe({
      objects: ["account"],
      maxBatchSize: 10,
      maxDelayMs: 50,
      onChanges: async (changes) => {
        again.push(...changes);
      },
    });
    try {
      await waitFor(() => again.length >= 1, 15_000);
      await sleep(300);
      expect(again.map((c) => [c.op, c.key])).toEqual([["upsert", "2"]]);
    } finally {
      await resumed.close();
    }
  },
);
