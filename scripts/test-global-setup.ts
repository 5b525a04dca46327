import { freePort, startTemporalDevServer, type TemporalServerHandle } from "@duplex/devstack";
import type {} from "@duplex/testing";
import type { TestProject } from "vitest/node";

/**
 * Provisions what tests need once per run: the Postgres admin URL (DATABASE_URL, or null so each
 * test file starts its own embedded PGlite) and a Temporal server (TEMPORAL_ADDRESS, or an
 * in-memory dev server started here and stopped at the end).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide("duplexAdminDatabaseUrl", process.env.DATABASE_URL || null);
  let server: TemporalServerHandle | undefined;
  const address = process.env.TEMPORAL_ADDRESS;
  if (address) {
    project.provide("duplexTemporalAddress", address);
  } else {
    server = await startTemporalDevServer({ port: await freePort(), uiPort: null });
    project.provide("duplexTemporalAddress", server.address);
  }
  return async () => {
    await server?.stop();
  };
}
