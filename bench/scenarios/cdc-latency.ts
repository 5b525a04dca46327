import type { FlowDefinition } from "@duplex/core";
import pg from "pg";
import type { DatabaseFactory } from "../lib/databases";
import { type BenchResult, machineInfo, percentile, round } from "../lib/results";
import { runTimes } from "../lib/run-times";
import { createBenchSync } from "../lib/sync-setup";

export interface CdcOptions {
  changes: number;
  perSecond: number;
  databases: DatabaseFactory;
  temporalAddress: string;
  log(line: string): void;
}

const SCHEMA_A = `CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text,
  stamped_at timestamptz, updated_at timestamptz NOT NULL DEFAULT now());`;
// The log records when each stamped value became a row in B, from inside the writing transaction.
const SCHEMA_B = `CREATE TABLE contacts (id serial PRIMARY KEY, full_name text, email text,
  stamped_at timestamptz, customer_id text UNIQUE, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE latency_log (customer_id text, stamped_at timestamptz, arrived_at timestamptz);
CREATE FUNCTION log_arrival() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.stamped_at IS DISTINCT FROM OLD.stamped_at THEN
    INSERT INTO latency_log VALUES (NEW.customer_id, NEW.stamped_at, clock_timestamp());
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER log_arrival AFTER INSERT OR UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION log_arrival();`;

function liveFlow(flow: FlowDefinition): FlowDefinition {
  const index = flow.nodes.findIndex((n) => n.type === "trigger.poll");
  flow.nodes[index] = {
    id: "trigger",
    type: "trigger.change-stream",
    position: { x: 0, y: 0 },
    config: {
      object: "customer",
      maxBatchSize: 500,
      maxDelayMs: 0,
      fallbackPollIntervalSeconds: 30,
    },
  };
  const toB = flow.direction === "a-to-b";
  for (const node of flow.nodes) {
    if (node.type !== "map") continue;
    node.config.mappings = [
      { target: toB ? "full_name" : "name", source: toB ? "name" : "full_name", transforms: [] },
      { target: "email", source: "email", transforms: [] },
      { target: "stamped_at", source: "stamped_at", transforms: [] },
    ];
  }
  return flow;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function count(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const result = await pool.query(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Single-row updates in A at a steady rate while both live change-stream loops run. Latency is
 * the time from the update's stamp in A to the row's arrival in B (both clocks are the same
 * Postgres server). Every write is counted on both sides: B must see exactly one write per
 * change and A none (the echo of B's write must end as skipped-equal).
 */
export async function benchCdcLatency(options: CdcOptions): Promise<BenchResult> {
  const bench = await createBenchSync({
    databases: options.databases,
    temporalAddress: options.temporalAddress,
    a: { kind: "postgres", schema: SCHEMA_A, capture: ["customers"] },
    b: { kind: "postgres", schema: SCHEMA_B, capture: ["contacts"] },
    sync: {
      name: "bench-cdc",
      mode: { type: "sor", side: "a" },
      conflictPolicy: "sor-wins",
      objects: [
        {
          key: "customer",
          objectA: "customers",
          objectB: "contacts",
          externalIdFieldB: "customer_id",
          parents: [],
        },
      ],
    },
    directions: ["a-to-b", "b-to-a"],
    editFlow: liveFlow,
  });
  const a = new pg.Pool({ connectionString: bench.urlA ?? "", max: 4 });
  const b = new pg.Pool({ connectionString: bench.urlB ?? "", max: 2 });
  for (const pool of [a, b]) pool.on("error", () => {});
  try {
    await a.query(
      "INSERT INTO customers (name, email) SELECT 'c' || g, 'c' || g || '@example.com' FROM generate_series(1, $1::int) g",
      [options.changes],
    );
    for (const direction of ["a-to-b", "b-to-a", "a-to-b", "b-to-a"] as const)
      await bench.runOnce(direction);
    await b.query("TRUNCATE latency_log");
    const seqA = await count(a, "SELECT coalesce(max(seq), 0) AS n FROM duplex_cdc.changes");
    const seqB = await count(b, "SELECT coalesce(max(seq), 0) AS n FROM duplex_cdc.changes");
    const loops = [await bench.startLoop("a-to-b"), await bench.startLoop("b-to-a")];
    await sleep(3_000);
    options.log(`cdc-latency: ${options.changes} changes at ${options.perSecond}/s...`);
    const started = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < options.changes; i += 1) {
      const due = started + (i * 1000) / options.perSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      pending.push(
        a.query("UPDATE customers SET name = $2, stamped_at = clock_timestamp() WHERE id = $1", [
          i + 1,
          `changed ${i}`,
        ]),
      );
    }
    await Promise.all(pending);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const arrived = await count(b, "SELECT count(DISTINCT customer_id) AS n FROM latency_log");
      if (arrived >= options.changes) break;
      await sleep(250);
    }
    await sleep(5_000); // Let the echoes (B's writes read back by the b-to-a loop) settle.
    await Promise.all(loops.map((h) => h.terminate("bench finished").catch(() => {})));
    const cycle = await runTimes(bench.duplexUrl, "a-to-b");
    options.log(`  a-to-b runs: ${JSON.stringify(cycle)}`);
    const latencies = (
      await b.query(
        "SELECT extract(epoch FROM min(arrived_at) - stamped_at) * 1000 AS ms FROM latency_log GROUP BY customer_id, stamped_at",
      )
    ).rows.map((r: { ms: string | number }) => Number(r.ms));
    const aUser = await count(
      a,
      "SELECT count(*) AS n FROM duplex_cdc.changes WHERE seq > $1 AND origin IS NULL",
      [seqA],
    );
    const aDuplex = await count(
      a,
      "SELECT count(*) AS n FROM duplex_cdc.changes WHERE seq > $1 AND origin IS NOT NULL",
      [seqA],
    );
    const bWrites = await count(b, "SELECT count(*) AS n FROM duplex_cdc.changes WHERE seq > $1", [
      seqB,
    ]);
    const echoWrites = aDuplex + Math.max(0, bWrites - latencies.length);
    options.log(
      `  p50 ${round(percentile(latencies, 50))} ms, p99 ${round(percentile(latencies, 99))} ms; A: ${aUser} user + ${aDuplex} Duplex writes, B: ${bWrites} writes`,
    );
    return {
      name: "cdc-latency",
      rows: latencies.length,
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      p99Ms: round(percentile(latencies, 99)),
      echoWrites,
      details: {
        changes: options.changes,
        perSecond: options.perSecond,
        arrived: latencies.length,
        maxMs: round(Math.max(...latencies)),
        writesInA: { byUser: aUser, byDuplex: aDuplex },
        writesInB: bWrites,
        runsAToB: cycle,
      },
      machine: machineInfo(),
      at: new Date().toISOString(),
    };
  } finally {
    await Promise.all([a.end(), b.end()]).catch(() => {});
    await bench.close();
  }
}
