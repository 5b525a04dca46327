import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Connection } from "@temporalio/client";
import { describeError, StartupError } from "./errors";
import { assertPortFree } from "./ports";
import {
  buildTemporalCliWithGo,
  defaultCacheDir,
  findTemporalCli,
  goAvailable,
  missingTemporalMessage,
} from "./temporal-cli";

export interface TemporalServerHandle {
  address: string;
  uiUrl: string | null;
  origin: string;
  stop(): Promise<void>;
}

export interface StartTemporalOptions {
  /** SQLite file for durable state; omit for an in-memory server (tests). */
  dbFile?: string;
  port: number;
  /** Web UI port, or null for a headless server. */
  uiPort: number | null;
  namespace?: string;
  env?: NodeJS.ProcessEnv;
  allowSdkDownload?: boolean;
  onProgress?: (line: string) => void;
}

/** Waits until the frontend answers a real RPC, not just until the port is open. */
export async function waitForTemporal(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new StartupError(
    `The Temporal server at ${address} did not answer within ${Math.round(timeoutMs / 1000)}s: ${describeError(lastError)}`,
  );
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function startFromBinary(binary: string, origin: string, options: StartTemporalOptions) {
  const args = ["server", "start-dev", "--ip", "127.0.0.1", "--port", String(options.port)];
  args.push("--namespace", options.namespace ?? "default", "--log-level", "error");
  // Eager activity dispatch: an activity scheduled by a workflow task comes back in the reply to
  // that task instead of through a separate task-queue poll. Off by default on the server; the
  // SDK asks for it whenever the worker polls the activity's queue. Saves a round trip per step.
  args.push("--dynamic-config-value", "system.enableActivityEagerExecution=true");
  if (options.uiPort === null) args.push("--headless");
  else args.push("--ui-port", String(options.uiPort));
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push("--db-filename", options.dbFile);
  }
  const child = spawn(binary, args, {
    stdio: ["ignore", "ignore", "pipe"],
    env: options.env ?? process.env,
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const address = `127.0.0.1:${options.port}`;
  const exited = new Promise<never>((_, reject) => {
    child.once("exit", (code) =>
      reject(
        new StartupError(
          `The Temporal dev server exited (code ${code}) while starting: ${stderr.trim().slice(-500)}`,
        ),
      ),
    );
  });
  await Promise.race([waitForTemporal(address, 60_000), exited]);
  return {
    address,
    uiUrl: options.uiPort === null ? null : `http://127.0.0.1:${options.uiPort}`,
    origin,
    stop: () => stopChild(child),
  } satisfies TemporalServerHandle;
}

async function startFromSdkDownload(options: StartTemporalOptions): Promise<TemporalServerHandle> {
  // The SDK downloads the CLI from temporal.download and manages the process itself.
  const { TestWorkflowEnvironment } = await import("@temporalio/testing");
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: "cached-download", downloadDir: defaultCacheDir(options.env) },
      ip: "127.0.0.1",
      port: options.port,
      namespace: options.namespace ?? "default",
      ...(options.dbFile ? { dbFilename: options.dbFile } : {}),
      ...(options.uiPort === null ? {} : { ui: true, uiPort: options.uiPort }),
    },
  });
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort === null ? null : `http://127.0.0.1:${options.uiPort}`,
    origin: "SDK download",
    stop: () => env.teardown(),
  };
}

/** Starts a Temporal dev server, finding or building the CLI as README § Configuration explains. */
export async function startTemporalDevServer(
  options: StartTemporalOptions,
): Promise<TemporalServerHandle> {
  const progress = options.onProgress ?? ((line: string) => process.stderr.write(`${line}\n`));
  await assertPortFree(options.port, "Temporal frontend");
  if (options.uiPort !== null) await assertPortFree(options.uiPort, "Temporal web UI");
  const found = findTemporalCli({ env: options.env });
  if (found?.kind === "path") return startFromBinary(found.path, found.origin, options);
  if (options.allowSdkDownload !== false) {
    try {
      progress("No Temporal CLI found; trying the Temporal SDK's download...");
      return await startFromSdkDownload(options);
    } catch (error) {
      progress(`  the SDK's download did not work: ${describeError(error).split("\n")[0]}`);
    }
  }
  if (!goAvailable(options.env)) throw new StartupError(missingTemporalMessage());
  const built = await buildTemporalCliWithGo({ env: options.env, onProgress: progress });
  return startFromBinary(built, "go install", options);
}
