import { createDatabase, ensureFirstAdmin, migrateDatabase, parseKeyRing } from "@duplex/db";
import { checkDatabase, describeError, loadRuntimeEnv, StartupError } from "@duplex/devstack";

// For deployments where the stack is run by something else (docker compose, Kubernetes): apply
// migrations and create the first admin, printing its one-time credentials, then exit.
async function main(): Promise<void> {
  const env = loadRuntimeEnv({ TEMPORAL_ADDRESS: "unused", ...process.env });
  await checkDatabase(env.DATABASE_URL);
  const { applied } = await migrateDatabase(env.DATABASE_URL);
  process.stdout.write(`Applied ${applied} migration(s).\n`);
  const database = createDatabase(env.DATABASE_URL, { max: 1 });
  try {
    const admin = await ensureFirstAdmin(database.db, parseKeyRing(env.DUPLEX_SECRET_KEY));
    if (admin) {
      process.stdout.write(
        `First admin (one-time; change it at first sign-in): username ${admin.username}, password ${admin.password}\n`,
      );
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof StartupError ? error.message : describeError(error)}\n`);
  process.exit(1);
});
