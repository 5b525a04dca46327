import path from "node:path";
import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "drizzle-orm/migrator";
import pg from "pg";

// Resolved from this file (not `new URL(...)`, which bundlers treat as an asset to copy).
export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../migrations",
);

// Any fixed number works; it only has to be the same for every Duplex process.
const MIGRATION_LOCK_KEY = 7_246_001;

/**
 * Applies the committed drizzle-kit migrations, recording them in drizzle's own
 * `drizzle.__drizzle_migrations` table, so `drizzle-kit migrate` and this agree.
 *
 * Why not drizzle's `migrate()`: it reads the applied list outside its transaction, so two
 * processes starting at once both try to apply the same migration. On embedded PGlite an advisory
 * lock does not help either, because every client shares one backend session. Doing the whole job
 * in one transaction that starts with an advisory lock serialises it on real Postgres (the lock)
 * and on PGlite (the socket server runs one transaction at a time).
 */
export async function migrateDatabase(url: string): Promise<{ applied: number }> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query("CREATE SCHEMA IF NOT EXISTS drizzle");
    await client.query(
      "CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)",
    );
    const last = await client.query<{ created_at: string | null }>(
      "SELECT max(created_at)::text AS created_at FROM drizzle.__drizzle_migrations",
    );
    const lastApplied = Number(last.rows[0]?.created_at ?? 0);
    let applied = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= lastApplied) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await client.query(statement);
      }
      await client.query(
        "INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)",
        [migration.hash, migration.folderMillis],
      );
      applied += 1;
    }
    await client.query("COMMIT");
    return { applied };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
