import { createDatabase, parseKeyRing } from "@duplex/db";
import { createLogger, describeError, loadRuntimeEnv, StartupError } from "@duplex/devstack";
import { createActivities, createConnectorProvider, workflowsPath } from "@duplex/flows";
import { NativeConnection, Runtime, Worker } from "@temporalio/worker";

const log = createLogger("worker");

async function main(): Promise<void> {
  const env = loadRuntimeEnv();
  Runtime.install({
    logger: {
      log: () => {},
      trace: () => {},
      debug: () => {},
      info: () => {},
      warn: (m, a) => log.warn(a, m),
      error: (m, a) => log.error(a, m),
    },
  });
  const database = createDatabase(env.DATABASE_URL, { applicationName: "duplex-worker", max: 10 });
  const connectors = createConnectorProvider(database.db, parseKeyRing(env.DUPLEX_SECRET_KEY));
  let connection: NativeConnection;
  try {
    connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  } catch (error) {
    throw new StartupError(
      `Cannot reach Temporal at ${env.TEMPORAL_ADDRESS}: ${describeError(error)}`,
    );
  }
  const worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.DUPLEX_TASK_QUEUE,
    workflowsPath,
    activities: createActivities({ db: database.db, connectors }),
  });
  log.info({ taskQueue: env.DUPLEX_TASK_QUEUE }, "worker polling");
  const shutdown = () => worker.shutdown();
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await worker.run();
  await connection.close();
  await connectors.close();
  await database.close();
  log.info("worker stopped");
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) log.error(error.message);
  else log.error({ err: error }, "worker failed");
  process.exit(1);
});
