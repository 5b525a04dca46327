import type { FlowDefinition } from "@duplex/core";
import type { RunSummary } from "@duplex/flows";
import pg from "pg";
import { baselineCopy } from "../lib/baseline";
import type { DatabaseFactory } from "../lib/databases";
import {
  copySchema,
  PLAIN_FIELDS,
  SOURCE_SCHEMA,
  seedItems,
  touchAllChangeTenth,
} from "../lib/pg-dataset";
import { type BenchResult, machineInfo, round } from "../lib/results";
import { stepTimes } from "../lib/step-times";
import { createBenchSync } from "../lib/sync-setup";

export interface BulkOptions {
  rows: number;
  databases: DatabaseFactory;
  temporalAddress: string;
  /** Records per trigger batch (one run of the interpreter each). */
  triggerBatch: number;
  /** Records per write call of the upsert node. */
  upsertBatch: number;
  cpuProfileDir?: string;
  log(line: string): void;
}

export function bulkFlow(triggerBatch: number, upsertBatch: number) {
  return (flow: FlowDefinition): FlowDefinition => {
    for (const node of flow.nodes) {
      if (node.type === "trigger.poll") {
        node.config.batchSize = triggerBatch;
        node.config.overlapSeconds = 0;
        node.config.intervalSeconds = 5;
      }
      if (node.type === "upsert") node.config.batchSize = upsertBatch;
      if (node.type === "map") {
        node.config.mappings = [
          {
            target: "name",
            source: "name",
            transforms: [{ type: "trim", collapseWhitespace: false }],
          },
          { target: "email", source: "email", transforms: [{ type: "case", to: "lower" }] },
          { target: "quantity", source: "quantity", transforms: [{ type: "cast", to: "integer" }] },
          ...PLAIN_FIELDS.map((f) => ({ target: f, source: f, transforms: [] })),
        ];
      }
    }
    return flow;
  };
}

function total(summaries: RunSummary[], ...outcomes: string[]): number {
  return summaries.reduce(
    (sum, s) => sum + outcomes.reduce((n, o) => n + (s.counts[o] ?? 0), 0),
    0,
  );
}

/** Row versions a set of transactions left behind: a row rewritten since gets a new xmin. */
async function xmins(pool: pg.Pool, table: string): Promise<Set<string>> {
  const result = await pool.query(`SELECT DISTINCT xmin::text AS x FROM ${table}`);
  return new Set(result.rows.map((r: { x: string }) => r.x));
}

async function rowsWrittenSince(pool: pg.Pool, table: string, before: Set<string>) {
  const result = await pool.query(
    `SELECT xmin::text AS x, count(*)::int AS n FROM ${table} GROUP BY 1`,
  );
  return result.rows.reduce(
    (sum: number, r: { x: string; n: number }) => (before.has(r.x) ? sum : sum + r.n),
    0,
  );
}

/**
 * 1. Initial load: N rows through poll → map → lookup → compare → upsert into an empty table,
 *    against the plain pg baseline. 2. Incremental: every row touched, 10% changed; the run must
 *    write only those. The worker runs in its own process; its peak RSS is reported.
 */
export async function benchBulkPgToPg(options: BulkOptions): Promise<BenchResult> {
  const bench = await createBenchSync({
    databases: options.databases,
    temporalAddress: options.temporalAddress,
    a: { kind: "postgres", schema: SOURCE_SCHEMA, capture: ["items"] },
    b: {
      kind: "postgres",
      schema: `${copySchema("items_copy")}${copySchema("items_base")}`,
      capture: [],
    },
    sync: {
      name: "bench-bulk",
      mode: { type: "sor", side: "a" },
      conflictPolicy: "sor-wins",
      objects: [
        {
          key: "item",
          objectA: "items",
          objectB: "items_copy",
          externalIdFieldB: "source_id",
          parents: [],
        },
      ],
    },
    directions: ["a-to-b"],
    editFlow: bulkFlow(options.triggerBatch, options.upsertBatch),
    ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
  });
  const a = new pg.Pool({ connectionString: bench.urlA ?? "", max: 2 });
  const b = new pg.Pool({ connectionString: bench.urlB ?? "", max: 2 });
  for (const pool of [a, b]) pool.on("error", () => {});
  let peakRssMB = 0;
  try {
    await seedItems(a, options.rows);
    await a.query("VACUUM ANALYZE items");
    options.log(`bulk-pg-to-pg: ${options.rows} rows seeded; baseline...`);
    const baseline = await baselineCopy(bench.urlA ?? "", bench.urlB ?? "", "items_base");
    options.log(`  baseline ${Math.round(baseline.rowsPerSecond)} rows/s; Duplex initial load...`);

    let started = performance.now();
    const initial = await bench.runOnce("a-to-b");
    const initialSeconds = (performance.now() - started) / 1000;
    const landed = Number(
      (await b.query("SELECT count(*)::int AS n FROM items_copy")).rows[0]?.n ?? 0,
    );
    const rssAfterInitial = await bench.worker.peakRssMB();
    const initialSteps = await stepTimes(bench.duplexUrl);
    const rowsPerSecond = options.rows / initialSeconds;
    options.log(
      `  initial ${Math.round(rowsPerSecond)} rows/s (${landed} rows landed, ${initial.length} runs, RSS ${rssAfterInitial} MB)`,
    );

    const changed = await touchAllChangeTenth(a);
    const baselineIncremental = await baselineCopy(
      bench.urlA ?? "",
      bench.urlB ?? "",
      "items_base",
    );
    const before = await xmins(b, "items_copy");
    started = performance.now();
    const incremental = await bench.runOnce("a-to-b");
    const incrementalSeconds = (performance.now() - started) / 1000;
    const written = await rowsWrittenSince(b, "items_copy", before);
    options.log(
      `  incremental ${Math.round(options.rows / incrementalSeconds)} rows/s, ${written} rows written of ${changed} changed`,
    );
    const allSteps = await stepTimes(bench.duplexUrl);
    options.log(`  step seconds (initial): ${JSON.stringify(initialSteps)}`);
    options.log(`  step seconds (both): ${JSON.stringify(allSteps)}`);
    await Promise.all([a.end(), b.end()]);
    peakRssMB = await bench.close();
    return {
      name: "bulk-pg-to-pg",
      rows: options.rows,
      rowsPerSecond: round(rowsPerSecond),
      baselineRowsPerSecond: round(baseline.rowsPerSecond),
      ratio: round(rowsPerSecond / baseline.rowsPerSecond, 3),
      peakRssMB,
      details: {
        triggerBatch: options.triggerBatch,
        workerIdleRssMB: bench.worker.readyRssMB,
        upsertBatch: options.upsertBatch,
        initial: {
          seconds: round(initialSeconds, 2),
          runs: initial.length,
          rowsLanded: landed,
          created: total(initial, "created"),
          failed: total(initial, "failed"),
          peakRssMBAfter: rssAfterInitial,
          stepSeconds: initialSteps,
        },
        incremental: {
          rowsExamined: options.rows,
          rowsChanged: changed,
          seconds: round(incrementalSeconds, 2),
          rowsPerSecond: round(options.rows / incrementalSeconds),
          baselineRowsPerSecond: round(baselineIncremental.rowsPerSecond),
          ratio: round(options.rows / incrementalSeconds / baselineIncremental.rowsPerSecond, 3),
          rowsWritten: written,
          updated: total(incremental, "updated", "created"),
          skippedEqual: total(incremental, "skipped-equal"),
          failed: total(incremental, "failed"),
          stepSecondsBothRuns: allSteps,
        },
      },
      machine: machineInfo(),
      at: new Date().toISOString(),
    };
  } finally {
    if (peakRssMB === 0) {
      await Promise.all([a.end(), b.end()]).catch(() => {});
      await bench.close().catch(() => 0);
    }
  }
}
