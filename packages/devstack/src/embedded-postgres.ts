import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { assertPortFree } from "./ports";

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory for durable data; omit for an in-memory database (tests). */
  dataDir?: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

/**
 * PGlite is a single Postgres backend. The socket server multiplexes client connections onto it
 * and, while a transaction is open, only runs that connection's queries, so transactions from
 * different connections are serialised rather than interleaved (proven by embedded-postgres.test.ts).
 * Session state (SET, temp tables, LISTEN) is shared, so Duplex avoids relying on it here.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  if (options.port !== 0) await assertPortFree(options.port, "embedded Postgres", host);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const server = new PGLiteSocketServer({ db, host, port: options.port, maxConnections: 200 });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.split(":").pop());
  return {
    url: `postgresql://postgres@${host}:${port}/postgres?sslmode=disable`,
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
