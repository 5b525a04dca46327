import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createApiToken,
  createDatabase,
  type DatabaseHandle,
  generateSecretKey,
  hashPassword,
  migrateDatabase,
  parseKeyRing,
  users,
} from "@duplex/db";
import { createActivities, createConnectorProvider, workflowsPath } from "@duplex/flows";
import {
  createTestDatabase,
  type TestDatabase,
  testTemporalAddress,
  uniqueTaskQueue,
} from "@duplex/testing";
import { Client, Connection } from "@temporalio/client";
import { NativeConnection, Worker } from "@temporalio/worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../start-helpers";
import { serveDuplexApi } from "./duplex-http-server";

// The CLI end to end: a real process talking HTTP (with an API token) to the real tRPC handler,
// a real worker on Temporal, and two real Postgres databases named by examples/pg-to-pg.json.
const schemaA = `CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text, updated_at timestamptz NOT NULL DEFAULT now());`;
const schemaB = `CREATE TABLE contacts (id serial PRIMARY KEY, full_name text, email text, customer_id text UNIQUE, updated_at timestamptz NOT NULL DEFAULT now());`;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe("duplex CLI", () => {
  let dbs: TestDatabase[] = [];
  let duplex: DatabaseHandle;
  let a: pg.Pool;
  let b: pg.Pool;
  let server: { url: string; close(): Promise<void> };
  let token: string;
  let worker: Worker;
  let running: Promise<void>;
  let native: NativeConnection;
  let connection: Connection;
  let workDir: string;

  function cli(...args: string[]): Promise<CliResult> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", path.join(repoRoot, "apps/cli/src/main.ts"), ...args],
        { cwd: repoRoot, env: { ...process.env, DUPLEX_URL: server.url, DUPLEX_TOKEN: token } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  async function json(...args: string[]): Promise<unknown> {
    const result = await cli(...args, "--json");
    expect(result.stderr, `duplex ${args.join(" ")}`).toBe("");
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout);
  }

  beforeAll(async () => {
    dbs = await Promise.all([
      createTestDatabase("dx_cli"),
      createTestDatabase("dx_crm"),
      createTestDatabase("dx_billing"),
    ]);
    const [core, dbA, dbB] = dbs as [TestDatabase, TestDatabase, TestDatabase];
    await migrateDatabase(core.url);
    duplex = createDatabase(core.url, { max: 6 });
    a = new pg.Pool({ connectionString: dbA.url, max: 2 });
    b = new pg.Pool({ connectionString: dbB.url, max: 2 });
    await a.query(schemaA);
    await b.query(schemaB);
    const keyRing = parseKeyRing(generateSecretKey());
    const [admin] = await duplex.db
      .insert(users)
      .values({
        username: "cli-admin",
        passwordHash: await hashPassword("cli-admin-correct-horse"),
        role: "admin",
      })
      .returning({ id: users.id });
    if (!admin) throw new Error("no admin");
    // An automation token: acts as the admin who made it, for CI that applies definitions.
    token = (
      await createApiToken(duplex.db, {
        name: "ci",
        syncIds: [],
        createdBy: admin.id,
        role: "admin",
      })
    ).token;

    const taskQueue = uniqueTaskQueue("cli");
    connection = await Connection.connect({ address: testTemporalAddress() });
    native = await NativeConnection.connect({ address: testTemporalAddress() });
    worker = await Worker.create({
      connection: native,
      taskQueue,
      workflowsPath,
      activities: createActivities({
        db: duplex.db,
        connectors: createConnectorProvider(duplex.db, keyRing),
      }),
    });
    running = worker.run();
    server = await serveDuplexApi({
      db: duplex.db,
      keyRing,
      client: new Client({ connection }),
      taskQueue,
    });
    workDir = await mkdtemp(path.join(tmpdir(), "duplex-cli-"));
    await writeFile(path.join(workDir, "crm.json"), JSON.stringify({ connectionString: dbA.url }));
    await writeFile(
      path.join(workDir, "billing.json"),
      JSON.stringify({ connectionString: dbB.url }),
    );
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    worker?.shutdown();
    await running;
    await native?.close();
    await connection?.close();
    await a?.end();
    await b?.end();
    await duplex?.close();
    await Promise.all(dbs.map((d) => d.drop()));
  });

  it("creates connections, applies the example, runs it and shows the runs", async () => {
    for (const [name, file] of [
      ["crm-postgres", "crm.json"],
      ["billing-postgres", "billing.json"],
    ] as const) {
      const created = await cli(
        "connection",
        "create",
        "--type",
        "postgres",
        "--name",
        name,
        "--config",
        path.join(workDir, file),
      );
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toContain(name);
    }
    const applied = await json("sync", "apply", path.join(repoRoot, "examples/pg-to-pg.json"));
    expect(applied).toMatchObject({ applied: true, created: true });

    await a.query(
      "INSERT INTO customers (name, email) VALUES ('Ada Lovelace', 'ADA@example.com'), ('Alan Turing', 'alan@example.com')",
    );
    const ran = await json("sync", "run", "customers-pg-to-pg", "--direction", "a-to-b", "--wait");
    expect(ran).toEqual([
      expect.objectContaining({
        direction: "a-to-b",
        runs: [expect.objectContaining({ status: "succeeded", counts: { created: 2 } })],
      }),
    ]);
    const contacts = await b.query(
      "SELECT full_name, email, customer_id FROM contacts ORDER BY full_name",
    );
    expect(contacts.rows.map((r) => [r.full_name, r.email])).toEqual([
      ["Ada Lovelace", "ada@example.com"],
      ["Alan Turing", "alan@example.com"],
    ]);

    const listed = await json("runs", "list", "customers-pg-to-pg");
    const runId = (ran as { runs: { runId: string }[] }[])[0]?.runs[0]?.runId;
    expect(listed).toMatchObject({
      items: [expect.objectContaining({ id: runId, status: "succeeded" })],
    });
    const shown = await json("runs", "show", String(runId));
    expect(shown).toMatchObject({
      id: runId,
      outcomeCounts: { created: 2 },
      outcomes: [
        expect.objectContaining({ outcome: "created" }),
        expect.objectContaining({ outcome: "created" }),
      ],
    });
    const table = await cli("runs", "show", String(runId));
    expect(table.stdout).toMatch(/Steps[\s\S]*upsert[\s\S]*Records[\s\S]*created/);

    // Applying the same document again updates and republishes.
    expect(
      await json("sync", "apply", path.join(repoRoot, "examples/pg-to-pg.json")),
    ).toMatchObject({ applied: true, created: false });
  }, 180_000);

  it("prints every problem of a bad definition with its JSON path and exits 1", async () => {
    const document = JSON.parse(
      await readFile(path.join(repoRoot, "examples/pg-to-pg.json"), "utf8"),
    );
    document.sync.conflictPolicy = "whoever-shouts";
    document.flows["a-to-b"].nodes[1].config.mappings[0].transforms = [
      { type: "no-such-transform" },
    ];
    delete document.flows["b-to-a"].nodes[0].config.object;
    const file = path.join(workDir, "bad.json");
    await writeFile(file, JSON.stringify(document));
    const result = await cli("sync", "apply", file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*bad\.json has \d+ problem/);
    expect(result.stderr).toContain("sync.conflictPolicy:");
    expect(result.stderr).toMatch(
      /flows\.a-to-b\.nodes\[1\]\.config\.mappings\[0\]\.transforms\[0\]/,
    );
    expect(result.stderr).toMatch(/flows\.b-to-a\.nodes\[0\]\.config\.object/);
  }, 60_000);

  it("reports unknown syncs, unreachable servers and bad tokens in one line", async () => {
    const missing = await cli("sync", "run", "no-such-sync");
    expect([missing.code, missing.stderr]).toEqual([1, 'error: No sync named "no-such-sync".\n']);
    const bad = await cli("runs", "list", "customers-pg-to-pg", "--token", "dpx_not-a-token");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: Sign in to continue\.\n$/);
    const down = await cli("runs", "list", "x", "--url", "http://127.0.0.1:9");
    expect(down.stderr).toBe("error: Cannot reach Duplex at http://127.0.0.1:9.\n");
  }, 60_000);
});
