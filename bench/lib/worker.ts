import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { workflowsPath } from "@duplex/flows";
import { bundleWorkflowCode } from "@temporalio/worker";
import { z } from "zod";

const here = import.meta.dirname;
let bundlePath: Promise<string> | undefined;

/** Bundles the workflows once per bench run; every worker process loads the same file. */
export function workflowBundle(): Promise<string> {
  bundlePath ??= (async () => {
    const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
    const dir = path.join(os.tmpdir(), "duplex-bench");
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `workflows-${process.pid}.js`);
    await writeFile(file, code);
    return file;
  })();
  return bundlePath;
}

const noop = () => {};
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };

export interface WorkerOptions {
  duplexUrl: string;
  temporalAddress: string;
  taskQueue: string;
  secretKey: string;
  /** Directory for a V8 CPU profile of the worker (`--cpu-prof`), or undefined. */
  cpuProfileDir?: string;
}

export interface WorkerHandle {
  pid: number;
  /** RSS once the worker was polling, before any work, in MB. */
  readyRssMB: number;
  /** Peak resident set (VmHWM) so far, in MB. */
  peakRssMB(): Promise<number>;
  /** Stops the worker gracefully and returns its peak RSS in MB. */
  stop(): Promise<number>;
}

const statusHwm = /^VmHWM:\s+(\d+)\s+kB$/m;

async function vmHwmMB(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = Number(statusHwm.exec(status)?.[1] ?? Number.NaN);
    return Math.round(kb / 1024);
  } catch {
    return Number.NaN;
  }
}

const doneLine = z.object({ maxRssKB: z.number() });
const readyLine = z.object({ rssKB: z.number() });

function lineJson(output: string, prefix: string): unknown {
  const line = output.split("\n").find((l) => l.startsWith(prefix));
  try {
    return line ? JSON.parse(line.slice(prefix.length)) : undefined;
  } catch {
    return undefined;
  }
}

export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const bundle = await workflowBundle();
  const args = ["--import", "tsx"];
  if (options.cpuProfileDir) args.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`);
  args.push(path.join(here, "worker-process.ts"));
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATABASE_URL: options.duplexUrl,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TASK_QUEUE: options.taskQueue,
      SECRET_KEY: options.secretKey,
      WORKFLOW_BUNDLE: bundle,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  let lastHwm = 0;
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("worker ready")) resolve();
    });
    void exited.then((code) => reject(new Error(`bench worker exited with ${code}`)));
  });
  const pid = child.pid ?? 0;
  const ready = readyLine.safeParse(lineJson(output, "worker ready "));
  const peakRssMB = async () => {
    const now = await vmHwmMB(pid);
    if (Number.isFinite(now)) lastHwm = Math.max(lastHwm, now);
    return lastHwm;
  };
  return {
    pid,
    readyRssMB: ready.success ? Math.round(ready.data.rssKB / 1024) : 0,
    peakRssMB,
    async stop() {
      await peakRssMB();
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
      const reported = doneLine.safeParse(lineJson(output, "worker done "));
      const selfReported = reported.success ? Math.round(reported.data.maxRssKB / 1024) : 0;
      return Math.max(lastHwm, selfReported);
    },
  };
}
