import { randomBytes } from "node:crypto";
import pg from "pg";

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Makes databases on the machine's Postgres (admin URL) and drops them afterwards. */
export type DatabaseFactory = (prefix: string) => Promise<BenchDatabase>;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function serverDatabases(adminUrl: string): DatabaseFactory {
  return async (prefix) => {
    const name = `${prefix}_${randomBytes(5).toString("hex")}`;
    await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    return {
      url: withDatabase(adminUrl, name),
      drop: () =>
        admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
          () => undefined,
        ),
    };
  };
}
