import type { Connection } from "@temporalio/client";
import type pg from "pg";

export interface HealthCheck {
  up: boolean;
  reason?: string;
  latencyMs?: number;
  details?: Record<string, unknown>;
}
export interface HealthReport {
  status: "up" | "down";
  checks: { database: HealthCheck; temporal: HealthCheck; worker: HealthCheck };
}

export interface HealthDependencies {
  pool: pg.Pool;
  /** Lazily connects, so a Temporal outage at boot does not break the web app. */
  temporal: () => Promise<Connection>;
  namespace: string;
  taskQueue: string;
  timeoutMs?: number;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function timed<T>(
  timeoutMs: number,
  what: string,
  run: () => Promise<T>,
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const value = await Promise.race([run(), timeout]);
    return { value, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

// A poller that has not polled for this long is gone (long polls last at most about 70 s).
const POLLER_FRESH_MS = 90_000;

export async function checkHealth(deps: HealthDependencies): Promise<HealthReport> {
  const timeoutMs = deps.timeoutMs ?? 3_000;
  const database = await timed(timeoutMs, "the database", () => deps.pool.query("SELECT 1")).then(
    (r): HealthCheck => ({ up: true, latencyMs: r.ms }),
    (e: unknown): HealthCheck => ({ up: false, reason: reasonOf(e) }),
  );
  let temporal: HealthCheck;
  let worker: HealthCheck;
  try {
    const connection = await timed(timeoutMs, "Temporal", deps.temporal);
    const info = await timed(timeoutMs, "Temporal", () =>
      connection.value.workflowService.getSystemInfo({}),
    );
    temporal = { up: true, latencyMs: info.ms + connection.ms };
    const described = await timed(timeoutMs, "Temporal", () =>
      connection.value.workflowService.describeTaskQueue({
        namespace: deps.namespace,
        taskQueue: { name: deps.taskQueue },
        taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
      }),
    );
    const now = Date.now();
    const fresh = (described.value.pollers ?? []).filter((p) => {
      const seconds = Number(p.lastAccessTime?.seconds ?? 0);
      return now - seconds * 1000 < POLLER_FRESH_MS;
    });
    worker =
      fresh.length > 0
        ? { up: true, details: { taskQueue: deps.taskQueue, pollers: fresh.length } }
        : { up: false, reason: `no worker is polling task queue "${deps.taskQueue}"` };
  } catch (error) {
    temporal = { up: false, reason: reasonOf(error) };
    worker = { up: false, reason: "Temporal is down, so the task queue cannot be checked" };
  }
  const status = database.up && temporal.up && worker.up ? "up" : "down";
  return { status, checks: { database, temporal, worker } };
}
