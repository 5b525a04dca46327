import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  defaultFlowForSync,
  type FlowDefinition,
  type FlowNode,
  nodeCatalogue,
  syncDefinitionSchema,
} from "@duplex/core";
import {
  connections,
  createDatabase,
  createSync,
  generateSecretKey,
  migrateDatabase,
  parseKeyRing,
  sealEntries,
  splitSecrets,
} from "@duplex/db";
import { freePort } from "@duplex/devstack";
import pg from "pg";
import { z } from "zod";
import { repoRoot, runStart, type StartedDuplex, waitForOutput } from "../../e2e/start-helpers";
import type { BenchDatabase, DatabaseFactory } from "./databases";

export interface EditorApp {
  /** The base URL as Next reports it (the CSRF origin check compares against localhost). */
  baseUrl: string;
  oneTimePassword: string;
  syncId: string;
  nodeIds: string[];
  close(): Promise<void>;
}

const GRID_COLUMNS = 15;

/**
 * The default flow plus filter nodes laid out in a grid below it, chained one after another, up
 * to `nodeCount` nodes: a large but valid-looking draft (what a flow with many branches looks like
 * to the canvas: nodes, handles and edges).
 */
export function largeFlow(base: FlowDefinition, nodeCount: number): FlowDefinition {
  const nodes: FlowNode[] = [...base.nodes];
  const edges = [...base.edges];
  for (let i = 0; nodes.length < nodeCount; i += 1) {
    nodes.push({
      id: `f-${i}`,
      type: "filter",
      position: { x: (i % GRID_COLUMNS) * 256, y: 200 + Math.floor(i / GRID_COLUMNS) * 144 },
      config: { ...nodeCatalogue.filter.defaultConfig, condition: `id != ${i}` },
    });
    edges.push({
      id: `e-f-${i}`,
      source: i === 0 ? "trigger" : `f-${i - 1}`,
      ...(i === 0 ? {} : { sourceHandle: "match" }),
      target: `f-${i}`,
    });
  }
  return { ...base, nodes, edges };
}

async function seed(url: string, sideUrl: string, secretKey: string, nodeCount: number) {
  await migrateDatabase(url);
  const duplex = createDatabase(url, { max: 1 });
  try {
    // Sealed exactly as the API stores connections: public config plus sealed secret entries.
    const { publicConfig, secrets } = splitSecrets({
      connectionString: sideUrl,
      readChangesMode: "changeTable",
    });
    const sealed = sealEntries(parseKeyRing(secretKey), secrets);
    const ids: string[] = [];
    for (const name of ["bench-a", "bench-b"]) {
      const [row] = await duplex.db
        .insert(connections)
        .values({
          name,
          type: "postgres",
          config: z.record(z.string(), z.unknown()).parse(publicConfig),
          ...sealed,
        })
        .returning();
      if (!row) throw new Error("no connection row");
      ids.push(row.id);
    }
    const sync = syncDefinitionSchema.parse({
      schemaVersion: 1,
      name: "bench-editor",
      connectionA: ids[0],
      connectionB: ids[1],
      mode: { type: "sor", side: "a" },
      conflictPolicy: "sor-wins",
      objects: [
        {
          key: "account",
          objectA: "accounts",
          objectB: "contacts",
          externalIdFieldB: "account_id",
          parents: [],
        },
      ],
    });
    const draft = largeFlow(defaultFlowForSync(sync, "a-to-b"), nodeCount);
    const created = await createSync(duplex.db, {
      name: sync.name,
      connectionAId: ids[0] ?? "",
      connectionBId: ids[1] ?? "",
      definition: sync,
      flows: [
        { direction: "a-to-b", objectKey: "account", draft },
        { direction: "b-to-a", objectKey: "account", draft: defaultFlowForSync(sync, "b-to-a") },
      ],
    });
    return { syncId: created.sync.id, nodeIds: draft.nodes.map((n) => n.id) };
  } finally {
    await duplex.close();
  }
}

/**
 * The real app the way e2e/editor.test.ts starts it (scripts/start.ts, unique ports and Next dist
 * dir), on a fresh database seeded beforehand with a sync whose a-to-b draft has `nodeCount`
 * nodes. Temporal is the bench's own server; the Salesforce emulator is off.
 */
export async function startEditorApp(options: {
  databases: DatabaseFactory;
  temporalAddress: string;
  nodeCount: number;
  log(line: string): void;
}): Promise<EditorApp> {
  const made: BenchDatabase[] = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "duplex-bench-editor-"));
  // Matches .gitignore's `.next-e2e-*`; removed afterwards (a fresh one compiles every route).
  const distDir = `.next-e2e-bench-editor-${process.pid}`;
  let app: StartedDuplex | null = null;
  const close = async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill("SIGINT");
      await app.exited;
    }
    await Promise.all(made.map((d) => d.drop().catch(() => {})));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(path.join(repoRoot, "apps/web", distDir), { recursive: true, force: true });
  };
  try {
    const core = await options.databases("dxb_editor");
    made.push(core);
    const side = await options.databases("dxb_editor_side");
    made.push(side);
    const client = new pg.Client({ connectionString: side.url });
    await client.connect();
    await client.query(`CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE contacts (id serial PRIMARY KEY, name text, account_id text UNIQUE,
      updated_at timestamptz NOT NULL DEFAULT now());`);
    await client.end();
    const secretKey = generateSecretKey();
    const seeded = await seed(core.url, side.url, secretKey, options.nodeCount);
    options.log(`editor: starting the app (next dev compiles on first request)...`);
    const started = runStart({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DUPLEX_DATA_DIR: dataDir,
      DATABASE_URL: core.url,
      DUPLEX_SECRET_KEY: secretKey,
      TEMPORAL_ADDRESS: options.temporalAddress,
      DUPLEX_SF_EMULATOR: "off",
      PORT: String(await freePort()),
      DUPLEX_TASK_QUEUE: `bench-editor-${process.pid}`,
      DUPLEX_NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
    });
    app = started;
    const [, url] = await waitForOutput(started, /Duplex is running at (\S+)/, 300_000);
    const [, oneTimePassword] = await waitForOutput(started, /password: (\S+)/, 10_000);
    return {
      baseUrl: (url ?? "").replace("127.0.0.1", "localhost"),
      oneTimePassword: oneTimePassword ?? "",
      ...seeded,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
