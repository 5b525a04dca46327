import { createSalesforceConnector } from "@duplex/connectors";
import type { FlowDefinition } from "@duplex/core";
import { startSalesforceEmulator } from "@duplex/salesforce-emulator";
import pg from "pg";
import type { DatabaseFactory } from "../lib/databases";
import { SOURCE_SCHEMA, seedItems } from "../lib/pg-dataset";
import { type BenchResult, machineInfo, round } from "../lib/results";
import { createBenchSync } from "../lib/sync-setup";

export interface SalesforceOptions {
  bulkRows: number;
  collectionRows: number;
  databases: DatabaseFactory;
  temporalAddress: string;
  log(line: string): void;
}

const MAPPINGS = [
  {
    target: "Name",
    source: "name",
    transforms: [{ type: "trim" as const, collapseWhitespace: false }],
  },
  {
    target: "BillingCity",
    source: "email",
    transforms: [{ type: "case" as const, to: "lower" as const }],
  },
  {
    target: "NumberOfEmployees",
    source: "quantity",
    transforms: [{ type: "cast" as const, to: "integer" as const }],
  },
  { target: "AnnualRevenue", source: "amount", transforms: [] },
  { target: "Description", source: "note", transforms: [] },
];

function salesforceFlow(batchSize: number) {
  return (flow: FlowDefinition): FlowDefinition => {
    for (const node of flow.nodes) {
      if (node.type === "trigger.poll") {
        node.config.batchSize = 10_000;
        node.config.overlapSeconds = 0;
      }
      if (node.type === "upsert") node.config.batchSize = batchSize;
      if (node.type === "map") node.config.mappings = MAPPINGS;
    }
    return flow;
  };
}

interface Figures {
  rows: number;
  rowsPerSecond: number;
  baselineRowsPerSecond: number;
  landed: number;
}

/**
 * Postgres rows into the emulator's Account through a published flow. `upsertBatch` decides the
 * path: a write call of more than bulkThreshold (2,000) rows becomes a Bulk API 2.0 job, smaller
 * ones go through sObject Collections (200 per request). The baseline is the Salesforce connector
 * called directly from one process with the same rows and the same write sizes.
 */
async function oneRun(
  options: SalesforceOptions,
  rows: number,
  upsertBatch: number,
): Promise<Figures> {
  const emu = await startSalesforceEmulator({
    port: 0,
    store: "memory",
    seed: false,
    dailyLimit: 10_000_000,
  });
  const config = {
    loginUrl: emu.loginUrl,
    auth: { type: "password", username: emu.username, password: emu.password },
    bulkThreshold: 2_000,
    bulkPollTimeoutMs: 600_000,
  };
  const bench = await createBenchSync({
    databases: options.databases,
    temporalAddress: options.temporalAddress,
    a: { kind: "postgres", schema: SOURCE_SCHEMA, capture: ["items"] },
    b: { kind: "salesforce", config },
    sync: {
      name: "bench-salesforce",
      mode: { type: "sor", side: "a" },
      conflictPolicy: "sor-wins",
      objects: [
        {
          key: "item",
          objectA: "items",
          objectB: "Account",
          externalIdFieldB: "Duplex_Id__c",
          parents: [],
        },
      ],
    },
    directions: ["a-to-b"],
    editFlow: salesforceFlow(upsertBatch),
  });
  const a = new pg.Pool({ connectionString: bench.urlA ?? "", max: 2 });
  a.on("error", () => {});
  const connector = createSalesforceConnector({
    ...config,
    auth: { type: "password", username: emu.username, password: emu.password },
  });
  try {
    await seedItems(a, rows);
    const source = await a.query(
      "SELECT id, name, email, quantity, amount, note FROM items ORDER BY id",
    );
    let started = performance.now();
    for (let i = 0; i < source.rows.length; i += upsertBatch) {
      const chunk = source.rows.slice(i, i + upsertBatch).map((r: Record<string, unknown>) => ({
        Duplex_Id__c: `baseline-${String(r.id)}`,
        Name: typeof r.name === "string" ? r.name.trim() : r.name,
        BillingCity: typeof r.email === "string" ? r.email.toLowerCase() : r.email,
        NumberOfEmployees: r.quantity,
        AnnualRevenue: r.amount,
        Description: r.note,
      }));
      await connector.upsert("Account", chunk, { matchField: "Duplex_Id__c" });
    }
    const baselineRowsPerSecond = rows / ((performance.now() - started) / 1000);
    started = performance.now();
    await bench.runOnce("a-to-b");
    const rowsPerSecond = rows / ((performance.now() - started) / 1000);
    const all = await emu.store.listRecords("Account");
    const landed = all.filter(
      (r) => !String(r.fields.Duplex_Id__c ?? "").startsWith("baseline-"),
    ).length;
    options.log(
      `  ${rows} rows, write calls of ${upsertBatch}: ${Math.round(rowsPerSecond)} rows/s (baseline ${Math.round(baselineRowsPerSecond)}), ${landed} landed`,
    );
    return { rows, rowsPerSecond, baselineRowsPerSecond, landed };
  } finally {
    await a.end();
    await connector.close();
    await bench.close();
    await emu.close();
  }
}

export async function benchPgToSalesforce(options: SalesforceOptions): Promise<BenchResult> {
  options.log("bulk-pg-to-salesforce:");
  const bulk = await oneRun(options, options.bulkRows, 10_000);
  const collections = await oneRun(options, options.collectionRows, 200);
  return {
    name: "bulk-pg-to-salesforce",
    rows: bulk.rows,
    rowsPerSecond: round(bulk.rowsPerSecond),
    baselineRowsPerSecond: round(bulk.baselineRowsPerSecond),
    ratio: round(bulk.rowsPerSecond / bulk.baselineRowsPerSecond, 3),
    details: {
      bulkApi: {
        ...bulk,
        rowsPerSecond: round(bulk.rowsPerSecond),
        baselineRowsPerSecond: round(bulk.baselineRowsPerSecond),
      },
      collections: {
        ...collections,
        rowsPerSecond: round(collections.rowsPerSecond),
        baselineRowsPerSecond: round(collections.baselineRowsPerSecond),
        ratio: round(collections.rowsPerSecond / collections.baselineRowsPerSecond, 3),
      },
    },
    machine: machineInfo(),
    at: new Date().toISOString(),
  };
}
