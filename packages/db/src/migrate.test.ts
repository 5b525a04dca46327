import { createTestDatabase, type TestDatabase } from "@duplex/testing";
import { readMigrationFiles } from "drizzle-orm/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, migrationsFolder } from "./migrate";

describe("migrateDatabase", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("creates every table and can run again, also concurrently, without changes", async () => {
    await Promise.all([migrateDatabase(database.url), migrateDatabase(database.url)]);
    await migrateDatabase(database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        "allowed_hosts",
        "api_tokens",
        "audit_log",
        "batches",
        "connections",
        "deferred_changes",
        "flow_versions",
        "flows",
        "links",
        "record_outcomes",
        "run_steps",
        "runs",
        "sessions",
        "settings",
        "sign_in_attempts",
        "syncs",
        "templates",
        "users",
        "watermarks",
      ]);
      const applied = await client.query(
        "SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations",
      );
      expect(applied.rows[0]).toEqual({ n: readMigrationFiles({ migrationsFolder }).length });
    } finally {
      await client.end();
    }
  });
});
