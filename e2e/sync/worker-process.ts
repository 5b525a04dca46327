import { createDatabase, parseKeyRing } from "@duplex/db";
import { createActivities, createConnectorProvider, workflowsPath } from "@duplex/flows";
import { NativeConnection, Runtime, Worker } from "@temporalio/worker";

// A Duplex worker in its own process, so a test can kill it with SIGKILL mid-run.
const noop = () => {};
Runtime.install({
  logger: { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop },
});
const { DATABASE_URL, TEMPORAL_ADDRESS, TASK_QUEUE, SECRET_KEY } = process.env;
if (!DATABASE_URL || !TEMPORAL_ADDRESS || !TASK_QUEUE || !SECRET_KEY)
  throw new Error("missing env");
const database = createDatabase(DATABASE_URL);
const connectors = createConnectorProvider(database.db, parseKeyRing(SECRET_KEY));
const connection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  taskQueue: TASK_QUEUE,
  workflowsPath,
  activities: createActivities({ db: database.db, connectors }),
});
process.stdout.write("worker ready\n");
await worker.run();
