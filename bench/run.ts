import { parseArgs } from "node:util";
import { benchEnvironment } from "./lib/environment";
import { type BenchResult, summaryTable, writeResult } from "./lib/results";
import { benchBulkPgToPg } from "./scenarios/bulk-pg-to-pg";
import { benchPgToSalesforce } from "./scenarios/bulk-pg-to-salesforce";
import { benchCdcLatency } from "./scenarios/cdc-latency";
import { benchEditor } from "./scenarios/editor";

// `npm run bench [-- --only bulk-pg-to-pg,cdc-latency] [--scale 0.1] [--profile dir]`
// Full sizes by default; --scale shrinks every row count for quick iterations.
const { values } = parseArgs({
  options: {
    only: { type: "string" },
    scale: { type: "string", default: "1" },
    profile: { type: "string" },
    "trigger-batch": { type: "string", default: "10000" },
    "upsert-batch": { type: "string", default: "2000" },
  },
});
const scale = Number(values.scale);
const only = values.only ? new Set(values.only.split(",")) : null;
const wanted = (name: string) => only === null || only.has(name);
const log = (line: string) => process.stderr.write(`${line}\n`);
const rows = (n: number) => Math.max(100, Math.round(n * scale));

async function main(): Promise<void> {
  const env = await benchEnvironment();
  const results: BenchResult[] = [];
  const keep = async (result: BenchResult) => {
    results.push(result);
    // Results of a scaled-down run are for iterating, not for committing.
    if (scale === 1) log(`  wrote ${await writeResult(result)}`);
  };
  try {
    if (wanted("bulk-pg-to-pg")) {
      await keep(
        await benchBulkPgToPg({
          rows: rows(100_000),
          databases: env.databases,
          temporalAddress: env.temporalAddress,
          triggerBatch: Number(values["trigger-batch"]),
          upsertBatch: Number(values["upsert-batch"]),
          ...(values.profile ? { cpuProfileDir: values.profile } : {}),
          log,
        }),
      );
    }
    const shared = { databases: env.databases, temporalAddress: env.temporalAddress, log };
    if (wanted("bulk-pg-to-salesforce")) {
      await keep(
        await benchPgToSalesforce({
          ...shared,
          bulkRows: rows(50_000),
          collectionRows: rows(5_000),
        }),
      );
    }
    if (wanted("cdc-latency")) {
      await keep(await benchCdcLatency({ ...shared, changes: rows(2_000), perSecond: 50 }));
    }
    if (wanted("editor")) {
      // The canvas size is the point of this benchmark, so --scale does not shrink it.
      await keep(await benchEditor({ ...shared, nodeCount: 150, loads: 3, dragMoves: 300 }));
    }
  } finally {
    await env.close();
  }
  process.stdout.write(`\n${summaryTable(results)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
