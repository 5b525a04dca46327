import { createDatabase, parseKeyRing } from "@duplex/db";
import { createActivities, createConnectorProvider } from "@duplex/flows";
import { NativeConnection, Runtime, Worker } from "@temporalio/worker";

// The Duplex worker under test, in its own process so its memory and CPU profile are its own
// (like apps/worker). The workflow bundle is built once by the bench runner and passed in, so the
// bundler's memory does not count as the worker's peak.
const noop = () => {};
Runtime.install({
  logger: { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop },
});
const { DATABASE_URL, TEMPORAL_ADDRESS, TASK_QUEUE, SECRET_KEY, WORKFLOW_BUNDLE } = process.env;
if (!DATABASE_URL || !TEMPORAL_ADDRESS || !TASK_QUEUE || !SECRET_KEY || !WORKFLOW_BUNDLE)
  throw new Error("missing env");
const database = createDatabase(DATABASE_URL);
const connectors = createConnectorProvider(database.db, parseKeyRing(SECRET_KEY));
const connection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  taskQueue: TASK_QUEUE,
  workflowBundle: { codePath: WORKFLOW_BUNDLE },
  activities: createActivities({ db: database.db, connectors }),
});
process.once("SIGTERM", () => worker.shutdown());
process.stdout.write(`worker ready ${JSON.stringify({ rssKB: process.resourceUsage().maxRSS })}\n`);
await worker.run();
await connectors.close();
await database.close();
await connection.close();
// maxRSS is in kilobytes: the process's high-water mark, read by the runner on exit.
process.stdout.write(
  `worker done ${JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS })}\n`,
);
process.exit(0);
