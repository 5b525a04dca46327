import { checkHealth, type HealthReport } from "@duplex/api";
import { createDatabase, type DatabaseHandle } from "@duplex/db";
import { loadRuntimeEnv, type RuntimeEnv } from "@duplex/devstack";
import { Client, Connection } from "@temporalio/client";

interface ServerRuntime {
  env: RuntimeEnv;
  database: DatabaseHandle;
  temporal: () => Promise<Connection>;
  /** A workflow client over that connection, for procedures and webhooks that start workflows. */
  temporalClient: () => Promise<Client>;
}

// Next's dev server reloads modules; keep one pool and one Temporal connection per process.
const globalRuntime = globalThis as typeof globalThis & { __duplexRuntime?: ServerRuntime };

export function getRuntime(): ServerRuntime {
  if (globalRuntime.__duplexRuntime) return globalRuntime.__duplexRuntime;
  const env = loadRuntimeEnv();
  let connection: Promise<Connection> | undefined;
  const temporal = () => {
    connection ??= Connection.connect({
      address: env.TEMPORAL_ADDRESS,
      connectTimeout: 3_000,
    }).catch((error: unknown) => {
      connection = undefined;
      throw error;
    });
    return connection;
  };
  let client: Client | undefined;
  const runtime: ServerRuntime = {
    env,
    database: createDatabase(env.DATABASE_URL, { applicationName: "duplex-web", max: 10 }),
    temporal,
    // Rebuilt only when the connection was replaced after a failure.
    temporalClient: async () => {
      const current = await temporal();
      if (client?.connection !== current)
        client = new Client({ connection: current, namespace: env.TEMPORAL_NAMESPACE });
      return client;
    },
  };
  globalRuntime.__duplexRuntime = runtime;
  return runtime;
}

export function getHealth(): Promise<HealthReport> {
  const runtime = getRuntime();
  return checkHealth({
    pool: runtime.database.pool,
    temporal: runtime.temporal,
    namespace: runtime.env.TEMPORAL_NAMESPACE,
    taskQueue: runtime.env.DUPLEX_TASK_QUEUE,
  });
}
