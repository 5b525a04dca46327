import { createTestDatabase, type TestDatabase } from "@duplex/testing";
import pg from "pg";
import type { PostgresConnectionConfigInput } from "./config";
import { createPostgresConnector, type PostgresConnector } from "./connector";

export interface PostgresFixture {
  db: TestDatabase;
  /** A plain pool for setting up tables and checking results behind the connector's back. */
  sql: pg.Pool;
  connector(settings?: Partial<PostgresConnectionConfigInput>): PostgresConnector;
  close(): Promise<void>;
}

/** One fresh database per test file, plus connectors that are all closed by `close()`. */
export async function postgresFixture(): Promise<PostgresFixture> {
  const db = await createTestDatabase("duplex_pg");
  const sql = new pg.Pool({ connectionString: db.url, max: 3 });
  const connectors: PostgresConnector[] = [];
  return {
    db,
    sql,
    connector(settings = {}) {
      const connector = createPostgresConnector({ connectionString: db.url, ...settings });
      connectors.push(connector);
      return connector;
    },
    async close() {
      await Promise.all(connectors.map((c) => c.close()));
      await sql.end();
      await db.drop();
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(25);
  }
}
