import path from "node:path";
import { createDatabase, migrateDatabase, parseKeyRing, rotateSecrets } from "@duplex/db";
import {
  checkDatabase,
  describeError,
  loadEnv,
  resolveSecretKey,
  StartupError,
  startEmbeddedPostgres,
} from "@duplex/devstack";

/**
 * `npm run duplex:rotate-secrets`: re-seals every stored secret (connection credentials, the first
 * admin's pending one-time password) under the NEWEST key in DUPLEX_SECRET_KEY, in one
 * transaction. To rotate: prepend a new key (`v2:<base64>,v1:<old>`), restart Duplex, run this,
 * then drop the old key. With no DATABASE_URL it opens the embedded database, so stop `npm start`
 * first (PGlite has a single owner).
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const ring = parseKeyRing(
    resolveSecretKey(env, (message) => process.stdout.write(`${message}\n`)),
  );
  let url = env.DATABASE_URL;
  let stop = async () => {};
  if (url) {
    await checkDatabase(url);
  } else {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(env.DUPLEX_DATA_DIR, "pg"),
      port: env.DUPLEX_EMBEDDED_PG_PORT,
    });
    url = embedded.url;
    stop = () => embedded.stop();
  }
  try {
    await migrateDatabase(url);
    const database = createDatabase(url, { max: 1 });
    try {
      const report = await rotateSecrets(database.db, ring);
      process.stdout.write(
        `Re-sealed ${report.connections} connection secret(s) and ${report.settings} other secret(s) under key version ${report.keyVersion}.\n`,
      );
    } finally {
      await database.close();
    }
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof StartupError ? error.message : describeError(error)}\n`);
  process.exit(1);
});
