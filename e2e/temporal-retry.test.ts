import { fileURLToPath } from "node:url";
import { testTemporalAddress, uniqueTaskQueue } from "@duplex/testing";
import { Context } from "@temporalio/activity";
import { Client, Connection } from "@temporalio/client";
import { NativeConnection, Worker } from "@temporalio/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { flakyWorkflow } from "./workflows/flaky";

// Against the real Temporal dev server: a transient failure is retried with exponential backoff.
describe("Temporal retries (real dev server)", () => {
  let nativeConnection: NativeConnection;
  let connection: Connection;

  beforeAll(async () => {
    nativeConnection = await NativeConnection.connect({ address: testTemporalAddress() });
    connection = await Connection.connect({ address: testTemporalAddress() });
  });
  afterAll(async () => {
    await connection?.close();
    await nativeConnection?.close();
  });

  it("retries an activity that fails twice, with growing delays, then succeeds", async () => {
    const taskQueue = uniqueTaskQueue("retry");
    const attemptTimes: number[] = [];
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowsPath: fileURLToPath(new URL("./workflows/flaky.ts", import.meta.url)),
      activities: {
        async flakyStep(failTimes: number) {
          const { attempt } = Context.current().info;
          attemptTimes.push(Date.now());
          if (attempt <= failTimes) throw new Error(`transient failure on attempt ${attempt}`);
          return { attempt };
        },
      },
    });
    const client = new Client({ connection });
    const result = await worker.runUntil(
      client.workflow.execute<typeof flakyWorkflow>("flakyWorkflow", {
        taskQueue,
        workflowId: `${taskQueue}-wf`,
        args: [2],
      }),
    );
    expect(result).toEqual({ attempt: 3 });
    expect(attemptTimes).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = attemptTimes;
    const firstDelay = second - first;
    const secondDelay = third - second;
    // Policy: 1 s, then x2.5 = 2.5 s. (The dev server's timers have about 1 s granularity, so the
    // test uses intervals above it.) Allow scheduling jitter but demand real growth.
    expect(firstDelay).toBeGreaterThanOrEqual(900);
    expect(secondDelay).toBeGreaterThanOrEqual(2_200);
    expect(secondDelay).toBeGreaterThan(firstDelay * 1.8);
  });
});
