import { randomBytes } from "node:crypto";
import { startEmbeddedPostgres } from "@duplex/devstack";
import pg from "pg";
import { testAdminDatabaseUrl } from "./context";

export interface TestDatabase {
  url: string;
  name: string;
  /** Whether this is the embedded PGlite (no logical replication, shared session state). */
  embedded: boolean;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh, empty database for one test file. On a real server it is `CREATE DATABASE` with a random
 * name; without DATABASE_URL it is a new in-memory PGlite served on its own port.
 */
export async function createTestDatabase(prefix = "duplex_t"): Promise<TestDatabase> {
  const adminUrl = testAdminDatabaseUrl();
  if (adminUrl === null) {
    const embedded = await startEmbeddedPostgres({ port: 0 });
    return { url: embedded.url, name: "postgres", embedded: true, drop: () => embedded.stop() };
  }
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    name,
    embedded: false,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // Give connections that are closing (pools ending, streams stopping) up to 3 s to go on
        // their own: FORCE terminates them, and a terminated client whose owner already let go of
        // it surfaces as an unhandled error in whichever test file happens to be running.
        const deadline = Date.now() + 3_000;
        while (Date.now() < deadline) {
          const open = await client.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            [name],
          );
          if (open.rows[0]?.n === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
