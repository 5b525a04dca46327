import { createConnector } from "@duplex/connectors";
import {
  defaultFlowForSync,
  type FlowDefinition,
  type SyncDefinition,
  syncDefinitionSchema,
} from "@duplex/core";
import {
  connections,
  createDatabase,
  createSync,
  generateSecretKey,
  migrateDatabase,
  parseKeyRing,
  publishFlowVersion,
  sealEntries,
  splitSecrets,
} from "@duplex/db";
import type { RunSummary } from "@duplex/flows";
import { Client, Connection, type WorkflowHandle } from "@temporalio/client";
import pg from "pg";
import { z } from "zod";
import type { BenchDatabase, DatabaseFactory } from "./databases";
import { startWorker, type WorkerHandle } from "./worker";

export type Direction = "a-to-b" | "b-to-a";

/** A side of the sync: a Postgres database (made here) or a Salesforce org (the emulator). */
export type SideSpec =
  | { kind: "postgres"; schema: string; capture: string[] }
  | { kind: "salesforce"; config: Record<string, unknown> };

export interface BenchSyncOptions {
  databases: DatabaseFactory;
  temporalAddress: string;
  a: SideSpec;
  b: SideSpec;
  sync: Omit<SyncDefinition, "connectionA" | "connectionB" | "schemaVersion">;
  directions: Direction[];
  editFlow(flow: FlowDefinition): FlowDefinition;
  cpuProfileDir?: string;
}

export interface BenchSync {
  duplexUrl: string;
  /** System A's / B's database URL (postgres sides only). */
  urlA: string | null;
  urlB: string | null;
  flowIds: Partial<Record<Direction, string>>;
  client: Client;
  taskQueue: string;
  worker: WorkerHandle;
  /** Runs a flow's trigger loop once over everything pending (a `once` syncFlowWorkflow). */
  runOnce(direction: Direction): Promise<RunSummary[]>;
  /** Starts a live trigger loop; terminate the handle to stop it. */
  startLoop(direction: Direction): Promise<WorkflowHandle>;
  /** Stops the worker (returning its peak RSS in MB) and drops everything. */
  close(): Promise<number>;
}

let counter = 0;

/**
 * Duplex's own database, the source/target systems, sealed connections, a sync with its flows
 * published, and a worker in its own process, the way e2e/sync/harness.ts sets up a real sync.
 */
export async function createBenchSync(options: BenchSyncOptions): Promise<BenchSync> {
  const made: BenchDatabase[] = [];
  const make = async (prefix: string) => {
    const db = await options.databases(prefix);
    made.push(db);
    return db;
  };
  const core = await make("dxb_core");
  await migrateDatabase(core.url);
  const duplex = createDatabase(core.url, { max: 2 });
  const secretKey = generateSecretKey();
  const ring = parseKeyRing(secretKey);

  const urls: Record<"a" | "b", string | null> = { a: null, b: null };
  const connectionIds: Record<"a" | "b", string> = { a: "", b: "" };
  for (const side of ["a", "b"] as const) {
    const spec = options[side];
    let type: string;
    let config: Record<string, unknown>;
    let secret: Record<string, unknown>;
    if (spec.kind === "postgres") {
      const db = await make(`dxb_${side}`);
      urls[side] = db.url;
      const connector = createConnector("postgres", { connectionString: db.url });
      try {
        await connector.test();
        const pool = new pg.Pool({ connectionString: db.url, max: 1 });
        await pool.query(spec.schema);
        await pool.end();
        if (
          "installChangeCapture" in connector &&
          typeof connector.installChangeCapture === "function"
        )
          await connector.installChangeCapture(spec.capture);
      } finally {
        await connector.close();
      }
      type = "postgres";
      config = { readChangesMode: "changeTable" };
      secret = { connectionString: db.url };
    } else {
      type = "salesforce";
      config = spec.config;
      secret = {};
    }
    // Sealed exactly as the API stores connections: public config plus sealed secret entries.
    const { publicConfig, secrets } = splitSecrets({ ...config, ...secret });
    const [row] = await duplex.db
      .insert(connections)
      .values({
        name: `bench-${side}`,
        type,
        config: z.record(z.string(), z.unknown()).parse(publicConfig),
        ...sealEntries(ring, secrets),
      })
      .returning();
    if (!row) throw new Error("no connection row");
    connectionIds[side] = row.id;
  }

  const sync = syncDefinitionSchema.parse({
    ...options.sync,
    schemaVersion: 1,
    connectionA: connectionIds.a,
    connectionB: connectionIds.b,
  });
  const created = await createSync(duplex.db, {
    name: sync.name,
    connectionAId: connectionIds.a,
    connectionBId: connectionIds.b,
    definition: sync,
    flows: options.directions.map((direction) => ({
      direction,
      objectKey: sync.objects[0]?.key ?? "",
      draft: options.editFlow(defaultFlowForSync(sync, direction)),
    })),
  });
  const flowIds: Partial<Record<Direction, string>> = {};
  for (const flow of created.flows) {
    flowIds[flow.direction] = flow.id;
    await publishFlowVersion(duplex.db, flow.id, flow.draft, sync);
  }
  await duplex.close();

  counter += 1;
  const taskQueue = `bench-${process.pid}-${Date.now().toString(36)}-${counter}`;
  const connection = await Connection.connect({ address: options.temporalAddress });
  const client = new Client({ connection });
  const worker = await startWorker({
    duplexUrl: core.url,
    temporalAddress: options.temporalAddress,
    taskQueue,
    secretKey,
    ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
  });
  const flowOf = (direction: Direction) => {
    const id = flowIds[direction];
    if (!id) throw new Error(`no ${direction} flow`);
    return id;
  };
  let loops = 0;
  return {
    duplexUrl: core.url,
    urlA: urls.a,
    urlB: urls.b,
    flowIds,
    client,
    taskQueue,
    worker,
    runOnce(direction) {
      loops += 1;
      return client.workflow.execute("syncFlowWorkflow", {
        taskQueue,
        workflowId: `${taskQueue}-${direction}-once-${loops}`,
        args: [{ flowId: flowOf(direction), once: true }],
      });
    },
    startLoop(direction) {
      loops += 1;
      return client.workflow.start("syncFlowWorkflow", {
        taskQueue,
        workflowId: `${taskQueue}-${direction}-live-${loops}`,
        args: [{ flowId: flowOf(direction) }],
      });
    },
    async close() {
      const peak = await worker.stop();
      await connection.close();
      await Promise.all(made.map((d) => d.drop()));
      return peak;
    },
  };
}
