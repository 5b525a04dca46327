import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { StartupError } from "./errors";

export const TEMPORAL_CLI_VERSION = "v1.5.1";

export type TemporalCliSource =
  | { kind: "path"; path: string; origin: "TEMPORAL_CLI_PATH" | "PATH" | "cache" | "go install" }
  | { kind: "sdk-download"; downloadDir: string };

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  /** Whether the SDK's own download may be tried (it needs the internet). */
  allowSdkDownload?: boolean;
  onProgress?: (line: string) => void;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DUPLEX_CACHE_DIR ?? path.join(os.homedir(), ".cache", "duplex");
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds a Temporal CLI in the documented order: TEMPORAL_CLI_PATH, `temporal` on the PATH, the
 * cache, then (when allowed) the SDK's download. `go install` is the last resort and is done by
 * `buildTemporalCliWithGo`, because it takes minutes and should only happen when nothing else works.
 */
export function findTemporalCli(options: ResolveOptions = {}): TemporalCliSource | undefined {
  const env = options.env ?? process.env;
  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) {
      throw new StartupError(
        `TEMPORAL_CLI_PATH is set to ${explicit}, but no executable file is there.`,
      );
    }
    return { kind: "path", path: explicit, origin: "TEMPORAL_CLI_PATH" };
  }
  const onPath = findOnPath("temporal", env);
  if (onPath) return { kind: "path", path: onPath, origin: "PATH" };
  const cached = path.join(options.cacheDir ?? defaultCacheDir(env), "temporal");
  if (isExecutable(cached)) return { kind: "path", path: cached, origin: "cache" };
  return undefined;
}

export function goAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  const result = spawnSync("go", ["version"], { env, stdio: "ignore" });
  return result.status === 0;
}

/** Builds the CLI into the cache with `go install`, streaming progress, and returns its path. */
export async function buildTemporalCliWithGo(options: ResolveOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const progress = options.onProgress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cacheDir = options.cacheDir ?? defaultCacheDir(env);
  mkdirSync(cacheDir, { recursive: true });
  const started = Date.now();
  progress(
    `Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${cacheDir} (first run only; about 2-4 minutes)...`,
  );
  const child = spawn(
    "go",
    ["install", `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`],
    {
      env: { ...env, GOBIN: cacheDir, GOFLAGS: env.GOFLAGS ?? "-mod=mod" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let downloaded = 0;
  let tail = "";
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-2000);
    downloaded += (text.match(/go: downloading/g) ?? []).length;
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);
  const heartbeat = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    progress(`  still building the Temporal CLI: ${seconds}s, ${downloaded} modules downloaded`);
  }, 15_000);
  const code = await new Promise<number | null>((resolve) => {
    child.on("error", () => resolve(-1));
    child.on("close", resolve);
  });
  clearInterval(heartbeat);
  const binary = path.join(cacheDir, "temporal");
  if (code !== 0 || !isExecutable(binary)) {
    throw new StartupError(
      `Building the Temporal CLI with 'go install' failed (exit ${code}); last output: ${tail.trim().split("\n").slice(-3).join(" | ")}`,
    );
  }
  progress(`Built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)}s: ${binary}`);
  return binary;
}

export function missingTemporalMessage(): string {
  return (
    "No Temporal server is available: TEMPORAL_ADDRESS is unset, no Temporal CLI was found " +
    "(TEMPORAL_CLI_PATH, 'temporal' on the PATH, or ~/.cache/duplex/temporal), the SDK's download failed, " +
    "and Go is not installed to build it; install Go, install the Temporal CLI, or set TEMPORAL_ADDRESS."
  );
}
