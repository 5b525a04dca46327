import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateSecretKey, migrateDatabase } from "@duplex/db";
import pg from "pg";
import type { DuplexEnv } from "./config";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres";
import { describeError, StartupError } from "./errors";
import {
  startTemporalDevServer,
  type TemporalServerHandle,
  waitForTemporal,
} from "./temporal-server";

export interface Stack {
  databaseUrl: string;
  databaseOrigin: "DATABASE_URL" | "embedded";
  temporalAddress: string;
  temporalUiUrl: string | null;
  secretKey: string;
  stop(): Promise<void>;
}

type Progress = (line: string) => void;

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}`;
  } catch {
    return "the configured host";
  }
}

/** Proves DATABASE_URL works before anything else starts, and says which part is wrong if not. */
export async function checkDatabase(url: string, what = "DATABASE_URL"): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new StartupError(
      `Cannot reach the database at ${hostOf(url)} (${what}): ${describeError(error)}.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** `DUPLEX_SECRET_KEY`, or a key generated once into the data directory (with a warning). */
export function resolveSecretKey(env: DuplexEnv, progress: Progress): string {
  if (env.DUPLEX_SECRET_KEY) return env.DUPLEX_SECRET_KEY;
  const file = path.join(env.DUPLEX_DATA_DIR, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(env.DUPLEX_DATA_DIR, { recursive: true });
    writeFileSync(file, `${generateSecretKey()}\n`, { mode: 0o600 });
    progress(`Generated a secret key in ${file}. Production must set DUPLEX_SECRET_KEY instead.`);
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * Brings up what Duplex depends on: Postgres (DATABASE_URL or embedded PGlite under the data
 * directory), Temporal (TEMPORAL_ADDRESS or a dev server with SQLite under the data directory),
 * the secret key, and the database schema. Everything started here is stopped by `stop()`.
 */
export async function startStack(env: DuplexEnv, progress: Progress): Promise<Stack> {
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) await s().catch(() => {});
  };
  try {
    let databaseUrl: string;
    let databaseOrigin: Stack["databaseOrigin"];
    if (env.DATABASE_URL) {
      await checkDatabase(env.DATABASE_URL);
      databaseUrl = env.DATABASE_URL;
      databaseOrigin = "DATABASE_URL";
    } else {
      progress(
        `Starting embedded Postgres (PGlite) with data in ${path.join(env.DUPLEX_DATA_DIR, "pg")}...`,
      );
      const embedded: EmbeddedPostgres = await startEmbeddedPostgres({
        dataDir: path.join(env.DUPLEX_DATA_DIR, "pg"),
        port: env.DUPLEX_EMBEDDED_PG_PORT,
      });
      stoppers.push(() => embedded.stop());
      databaseUrl = embedded.url;
      databaseOrigin = "embedded";
    }

    let temporalAddress: string;
    let temporalUiUrl: string | null = null;
    if (env.TEMPORAL_ADDRESS) {
      try {
        await waitForTemporal(env.TEMPORAL_ADDRESS, 10_000);
      } catch {
        throw new StartupError(
          `Cannot reach Temporal at ${env.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS).`,
        );
      }
      temporalAddress = env.TEMPORAL_ADDRESS;
    } else {
      progress("Starting the Temporal dev server...");
      const server: TemporalServerHandle = await startTemporalDevServer({
        dbFile: path.join(env.DUPLEX_DATA_DIR, "temporal.db"),
        port: env.TEMPORAL_PORT,
        uiPort: env.TEMPORAL_UI_PORT,
        namespace: env.TEMPORAL_NAMESPACE,
        onProgress: progress,
      });
      stoppers.push(() => server.stop());
      temporalAddress = server.address;
      temporalUiUrl = server.uiUrl;
    }

    const secretKey = resolveSecretKey(env, progress);
    const { applied } = await migrateDatabase(databaseUrl);
    if (applied > 0) progress(`Applied ${applied} database migration(s).`);
    return { databaseUrl, databaseOrigin, temporalAddress, temporalUiUrl, secretKey, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
