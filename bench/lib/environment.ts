import { freePort, startTemporalDevServer } from "@duplex/devstack";
import { type DatabaseFactory, serverDatabases } from "./databases";

export interface BenchEnvironment {
  databases: DatabaseFactory;
  temporalAddress: string;
  close(): Promise<void>;
}

/** The machine's Postgres (DATABASE_URL as admin) and TEMPORAL_ADDRESS or a fresh dev server. */
export async function benchEnvironment(): Promise<BenchEnvironment> {
  const adminUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  if (process.env.TEMPORAL_ADDRESS) {
    return {
      databases: serverDatabases(adminUrl),
      temporalAddress: process.env.TEMPORAL_ADDRESS,
      close: async () => {},
    };
  }
  const temporal = await startTemporalDevServer({
    port: await freePort(),
    uiPort: null,
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  return {
    databases: serverDatabases(adminUrl),
    temporalAddress: temporal.address,
    close: () => temporal.stop(),
  };
}
