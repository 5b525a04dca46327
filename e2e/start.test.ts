import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@duplex/devstack";
import { describe, expect, it } from "vitest";
import { commandOf, descendants, isAlive, runStart, waitForOutput } from "./start-helpers";

function isUp(report: unknown): boolean {
  return (
    typeof report === "object" && report !== null && "status" in report && report.status === "up"
  );
}

// What a new user does: `npm start` with nothing configured (embedded Postgres, Temporal dev
// server), open the page, Ctrl-C, start again on the same data.
describe("npm start with embedded defaults", () => {
  it("serves the app with everything healthy, stops cleanly on Ctrl-C, and restarts on the same data", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "duplex-start-"));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DUPLEX_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      TEMPORAL_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      DUPLEX_EMBEDDED_PG_PORT: String(await freePort()),
      DUPLEX_SF_EMULATOR_PORT: String(await freePort()),
      DUPLEX_TASK_QUEUE: `start-e2e-${process.pid}`,
      DUPLEX_NEXT_DIST_DIR: `.next-e2e-${process.pid}`,
      NEXT_TELEMETRY_DISABLED: "1",
    };

    const first = runStart(env);
    const [, url] = await waitForOutput(first, /Duplex is running at (\S+)/, 240_000);
    const [, password] = await waitForOutput(first, /password: (\S+)/, 5_000);
    const [, emulatorUrl] = await waitForOutput(first, /Salesforce emulator: (\S+)/, 5_000);
    const versions = await fetch(`${emulatorUrl}/services/data/`);
    expect(versions.status).toBe(200);
    expect(password).toMatch(/^[\w-]{23}$/);

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Duplex");
    const readHealth = async (): Promise<unknown> => (await fetch(`${url}/api/health`)).json();
    let health = await readHealth();
    for (let i = 0; i < 40 && !isUp(health); i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      health = await readHealth();
    }
    expect(health).toMatchObject({
      status: "up",
      checks: { database: { up: true }, temporal: { up: true }, worker: { up: true } },
    });

    const tree = descendants(first.child.pid ?? 0);
    expect(tree.length).toBeGreaterThanOrEqual(3); // Temporal, worker, web (and their children)
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const orphans = tree.filter(isAlive).map((pid) => `${pid}: ${commandOf(pid)}`);
    expect(orphans).toEqual([]);

    const second = runStart(env);
    await waitForOutput(second, /Duplex is running at/, 240_000);
    // The same one-time password: the admin (and the database) survived the restart.
    await waitForOutput(second, new RegExp(`password: ${password}`), 5_000);
    expect(second.output()).not.toContain("Applied");
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  }, 600_000);
});
