import { appendFileSync } from "node:fs";
import type { Connector } from "@duplex/connectors";
import {
  defaultFlowForSync,
  type FlowDefinition,
  type FlowNode,
  orderObjects,
  type SyncDefinition,
  syncDefinitionSchema,
} from "@duplex/core";
import {
  connections,
  createDatabase,
  createSync,
  type DatabaseHandle,
  generateSecretKey,
  migrateDatabase,
  parseKeyRing,
  publishFlowVersion,
  sealEntries,
  splitSecrets,
} from "@duplex/db";
import {
  createActivities,
  createConnectorProvider,
  type RunSummary,
  workflowsPath,
} from "@duplex/flows";
import {
  createTestDatabase,
  type TestDatabase,
  testTemporalAddress,
  uniqueTaskQueue,
} from "@duplex/testing";
import { Client, Connection } from "@temporalio/client";
import { NativeConnection, Runtime, Worker } from "@temporalio/worker";
import pg from "pg";
import { z } from "zod";

let runtimeInstalled = false;
function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const noop = () => {};
  // DUPLEX_TEST_LOG=1 shows the worker's warnings (activity failures and retries) while debugging.
  const logFile = process.env.DUPLEX_TEST_LOG;
  const warn = logFile
    ? (m: string, a?: unknown) => appendFileSync(logFile, `${m} ${JSON.stringify(a)}\n`)
    : noop;
  Runtime.install({
    logger: {
      log: noop,
      trace: noop,
      debug: noop,
      info: noop,
      warn,
      error: (m) => console.error(m),
    },
  });
}

export interface SyncHarness {
  duplex: DatabaseHandle;
  /** URL of Duplex's own database and the key sealing its connection secrets (child workers). */
  duplexUrl: string;
  secretKey: string;
  a: pg.Pool;
  b: pg.Pool;
  syncId: string;
  flowIds: { "a-to-b": string; "b-to-a": string };
  client: Client;
  taskQueue: string;
  /** Flow ids per object pair and direction. */
  flowsByObject: Record<string, { "a-to-b": string; "b-to-a": string }>;
  /** Runs one direction (of the first object, or the one named) once over everything pending. */
  runOnce(direction: "a-to-b" | "b-to-a", objectKey?: string): Promise<RunSummary[]>;
  /** Alternates directions until a full round writes nothing. Returns all run summaries. */
  converge(maxRounds?: number): Promise<RunSummary[]>;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  schemaA: string;
  schemaB: string;
  sync: Omit<SyncDefinition, "connectionA" | "connectionB" | "schemaVersion">;
  /** Edits each default flow (mappings, triggers); `objectKey` says which object pair it syncs. */
  editFlow(flow: FlowDefinition, objectKey: string): FlowDefinition;
  wrapConnector?: (side: "a" | "b", connector: Connector) => Connector;
  /** false: the test runs its own worker (for example in a child process). */
  inProcessWorker?: boolean;
  captureTables: { a: string[]; b: string[] };
  activityConcurrency?: number;
  /** Extra settings for side A's Postgres connection (e.g. a webhook signing secret). */
  extraConfigA?: Record<string, unknown>;
  /** Side B as another kind of system (e.g. the Salesforce emulator): its full settings, secrets included. */
  systemB?: { type: string; config: Record<string, unknown> };
}

export function mapNode(flow: FlowDefinition): Extract<FlowNode, { type: "map" }> {
  const node = flow.nodes.find((n) => n.type === "map");
  if (node?.type !== "map") throw new Error("no map node");
  return node;
}

/**
 * Three real databases (Duplex's own, system A, system B), a two-way sync between A and B with
 * trigger-based change capture on both, both flows published, and a worker on its own task queue.
 */
export async function createSyncHarness(options: HarnessOptions): Promise<SyncHarness> {
  quietRuntime();
  const dbs: TestDatabase[] = await Promise.all([
    createTestDatabase("dx_core"),
    createTestDatabase("dx_a"),
    createTestDatabase("dx_b"),
  ]);
  const [core, dbA, dbB] = dbs as [TestDatabase, TestDatabase, TestDatabase];
  await migrateDatabase(core.url);
  const duplex = createDatabase(core.url, { max: 10 });
  const a = new pg.Pool({ connectionString: dbA.url, max: 3 });
  const b = new pg.Pool({ connectionString: dbB.url, max: 3 });
  // Dropping the test databases at the end terminates any connection still open; that is expected.
  for (const pool of [a, b]) pool.on("error", () => {});
  await a.query(options.schemaA);
  await b.query(options.schemaB);

  const secretKey = generateSecretKey();
  const ring = parseKeyRing(secretKey);
  const connectionIds: Record<"a" | "b", string> = { a: "", b: "" };
  for (const [side, db] of [
    ["a", dbA],
    ["b", dbB],
  ] as const) {
    const other = side === "b" ? options.systemB : undefined;
    // Sealed exactly as the API stores connections: public config plus sealed secret entries.
    const { publicConfig, secrets } = splitSecrets(
      other
        ? other.config
        : {
            connectionString: db.url,
            readChangesMode: "changeTable",
            ...(side === "a" ? options.extraConfigA : {}),
          },
    );
    const sealed = sealEntries(ring, secrets);
    const [row] = await duplex.db
      .insert(connections)
      .values({
        name: `${other?.type ?? "pg"}-${side}`,
        type: other?.type ?? "postgres",
        config: z.record(z.string(), z.unknown()).parse(publicConfig),
        ...sealed,
      })
      .returning();
    if (!row) throw new Error("no connection row");
    connectionIds[side] = row.id;
  }
  const provider = createConnectorProvider(duplex.db, ring, {
    wrap: (id, connector) =>
      options.wrapConnector
        ? options.wrapConnector(id === connectionIds.a ? "a" : "b", connector)
        : connector,
  });
  const rawA = await provider.get(connectionIds.a);
  const rawB = await provider.get(connectionIds.b);
  for (const [connector, tables] of [
    [rawA, options.captureTables.a],
    [rawB, options.captureTables.b],
  ] as const) {
    if (
      "installChangeCapture" in connector &&
      typeof connector.installChangeCapture === "function"
    ) {
      await connector.installChangeCapture(tables);
    }
  }

  const sync = syncDefinitionSchema.parse({
    ...options.sync,
    schemaVersion: 1,
    connectionA: connectionIds.a,
    connectionB: connectionIds.b,
  });
  const flows = sync.objects.flatMap((pair) =>
    (["a-to-b", "b-to-a"] as const).map((direction) => ({
      direction,
      objectKey: pair.key,
      draft: options.editFlow(
        defaultFlowForSync(sync, direction, { objectKey: pair.key }),
        pair.key,
      ),
    })),
  );
  const created = await createSync(duplex.db, {
    name: sync.name,
    connectionAId: connectionIds.a,
    connectionBId: connectionIds.b,
    definition: sync,
    flows,
  });
  const flowsByObject: SyncHarness["flowsByObject"] = {};
  for (const flow of created.flows) {
    const entry = flowsByObject[flow.objectKey] ?? { "a-to-b": "", "b-to-a": "" };
    entry[flow.direction] = flow.id;
    flowsByObject[flow.objectKey] = entry;
    await publishFlowVersion(duplex.db, flow.id, flow.draft, sync);
  }

  const firstObject = sync.objects[0]?.key ?? "";
  const flowIds = flowsByObject[firstObject] ?? { "a-to-b": "", "b-to-a": "" };
  const objectOrder = orderObjects(sync.objects).map((o) => o.key);
  const taskQueue = uniqueTaskQueue("sync");
  const connection = await Connection.connect({ address: testTemporalAddress() });
  const client = new Client({ connection });
  let native: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  const harness: SyncHarness = {
    duplex,
    duplexUrl: core.url,
    secretKey,
    a,
    b,
    syncId: created.sync.id,
    flowIds,
    flowsByObject,
    client,
    taskQueue,
    async startWorker() {
      native = await NativeConnection.connect({ address: testTemporalAddress() });
      worker = await Worker.create({
        connection: native,
        taskQueue,
        workflowsPath,
        activities: createActivities({ db: duplex.db, connectors: provider }),
        maxConcurrentActivityTaskExecutions: options.activityConcurrency ?? 4,
      });
      running = worker.run();
    },
    async stopWorker() {
      worker?.shutdown();
      await running;
      await native?.close();
      worker = undefined;
    },
    async runOnce(direction, objectKey = firstObject) {
      const flowId = flowsByObject[objectKey]?.[direction];
      if (!flowId) throw new Error(`no ${direction} flow for ${objectKey}`);
      return client.workflow.execute("syncFlowWorkflow", {
        taskQueue,
        workflowId: `${taskQueue}-${direction}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        args: [{ flowId, once: true }],
      });
    },
    async converge(maxRounds = 8) {
      const all: RunSummary[] = [];
      for (let round = 0; round < maxRounds; round += 1) {
        const runs: RunSummary[] = [];
        for (const direction of ["a-to-b", "b-to-a"] as const) {
          // Parents before children, as a sync runs its objects.
          for (const objectKey of objectOrder)
            runs.push(...(await harness.runOnce(direction, objectKey)));
        }
        all.push(...runs);
        const wrote = runs.some(
          (r) => (r.counts.created ?? 0) + (r.counts.updated ?? 0) + (r.counts.deleted ?? 0) > 0,
        );
        if (!wrote) return all;
      }
      throw new Error(
        `no convergence after ${maxRounds} rounds: ${JSON.stringify(all.map((r) => r.counts))}`,
      );
    },
    async close() {
      if (worker) await harness.stopWorker();
      await connection.close();
      await provider.close();
      await duplex.close();
      await a.end();
      await b.end();
      await Promise.all(dbs.map((d) => d.drop()));
    },
  };
  if (options.inProcessWorker !== false) await harness.startWorker();
  return harness;
}
