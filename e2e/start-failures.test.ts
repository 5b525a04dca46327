import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "@duplex/devstack";
import { describe, expect, it } from "vitest";
import { runStart } from "./start-helpers";

// `npm start` with a broken environment ends with one clear sentence and exit code 1.
async function startAndFail(extraEnv: NodeJS.ProcessEnv): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "duplex-start-"));
  const started = runStart({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DUPLEX_DATA_DIR: dataDir,
    PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    DUPLEX_EMBEDDED_PG_PORT: String(await freePort()),
    DUPLEX_SF_EMULATOR_PORT: String(await freePort()),
    ...extraEnv,
  });
  const code = await started.exited;
  expect(code).toBe(1);
  const lines = started
    .output()
    .split("\n")
    .filter(
      (l) =>
        l.trim() &&
        !l.startsWith("Starting ") &&
        !l.includes("trying the Temporal SDK") &&
        !l.includes("the SDK's download did not work") &&
        !l.includes("Generated a secret key"),
    );
  expect(lines.join("\n")).not.toMatch(/^\s+at /m);
  expect(lines).toHaveLength(1);
  return lines[0] ?? "";
}

describe("npm start: clear failures", () => {
  it("names an unreachable DATABASE_URL", async () => {
    const message = await startAndFail({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:1/duplex",
    });
    expect(message).toMatch(/^Cannot reach the database at 127\.0\.0\.1:1 \(DATABASE_URL\)/);
  });

  it("names an unreachable TEMPORAL_ADDRESS", async () => {
    const message = await startAndFail({ TEMPORAL_ADDRESS: "127.0.0.1:1" });
    expect(message).toBe("Cannot reach Temporal at 127.0.0.1:1 (TEMPORAL_ADDRESS).");
  });

  it("names a port already in use", async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, "127.0.0.1", () => {
        const address = blocker.address();
        resolve(typeof address === "object" && address ? address.port : 0);
      }),
    );
    try {
      const message = await startAndFail({ PORT: String(port) });
      expect(message).toBe(
        `Port ${port} (the Duplex web app) is already in use on 127.0.0.1; stop whatever is using it or choose another port.`,
      );
    } finally {
      blocker.close();
    }
  });

  it("explains what is missing when there is no Temporal CLI, no download and no Go", async () => {
    const emptyCache = mkdtempSync(path.join(os.tmpdir(), "duplex-cache-"));
    // A PATH with node but neither `temporal` nor `go`.
    const message = await startAndFail({
      PATH: path.dirname(process.execPath),
      DUPLEX_CACHE_DIR: emptyCache,
    });
    expect(message).toMatch(
      /^No Temporal server is available: .*install Go, install the Temporal CLI, or set TEMPORAL_ADDRESS\.$/,
    );
  });
});
