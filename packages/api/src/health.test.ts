import {
  createTestDatabase,
  type TestDatabase,
  testTemporalAddress,
  uniqueTaskQueue,
} from "@duplex/testing";
import { Connection } from "@temporalio/client";
import { NativeConnection, Worker } from "@temporalio/worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHealth } from "./health";

describe("checkHealth (real Postgres and Temporal)", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let connection: Connection;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    connection = await Connection.connect({ address: testTemporalAddress() });
  });
  afterAll(async () => {
    await connection?.close();
    await pool?.end();
    await database?.drop();
  });

  it("reports the worker down until something polls the task queue, then everything up", async () => {
    const taskQueue = uniqueTaskQueue("health");
    const deps = { pool, temporal: async () => connection, namespace: "default", taskQueue };
    const before = await checkHealth(deps);
    expect(before.checks.database.up).toBe(true);
    expect(before.checks.temporal.up).toBe(true);
    expect(before.checks.worker).toMatchObject({
      up: false,
      reason: expect.stringContaining(taskQueue),
    });
    expect(before.status).toBe("down");

    const nativeConnection = await NativeConnection.connect({ address: testTemporalAddress() });
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowsPath: new URL("../../flows/src/workflows/index.ts", import.meta.url).pathname,
    });
    await worker.runUntil(async () => {
      let report = await checkHealth(deps);
      for (let i = 0; i < 50 && !report.checks.worker.up; i += 1) {
        await new Promise((r) => setTimeout(r, 200));
        report = await checkHealth(deps);
      }
      expect(report.status).toBe("up");
    });
    await nativeConnection.close();
  });

  it("names the reason when the database and Temporal are unreachable", async () => {
    const deadPool = new pg.Pool({
      connectionString: "postgresql://postgres@127.0.0.1:1/none",
      max: 1,
    });
    deadPool.on("error", () => {});
    const report = await checkHealth({
      pool: deadPool,
      temporal: () => Connection.connect({ address: "127.0.0.1:1", connectTimeout: 500 }),
      namespace: "default",
      taskQueue: "nothing",
      timeoutMs: 2_000,
    });
    await deadPool.end();
    expect(report.status).toBe("down");
    expect(report.checks.database).toMatchObject({
      up: false,
      reason: expect.stringMatching(/ECONNREFUSED|connect/),
    });
    expect(report.checks.temporal.up).toBe(false);
    expect(report.checks.temporal.reason).toBeTruthy();
    expect(report.checks.worker.up).toBe(false);
  });
});
