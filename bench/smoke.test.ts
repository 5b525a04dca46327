import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, testTemporalAddress } from "@duplex/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseFactory } from "./lib/databases";
import { writeResult } from "./lib/results";
import { benchBulkPgToPg } from "./scenarios/bulk-pg-to-pg";

// Checks that the benchmark harness works end to end on 1,000 rows: the result file has the
// documented shape and every row arrived. It never asserts a time; `npm run bench` measures.
const resultSchema = z.object({
  name: z.literal("bulk-pg-to-pg"),
  rows: z.number(),
  rowsPerSecond: z.number().positive(),
  baselineRowsPerSecond: z.number().positive(),
  ratio: z.number().positive(),
  peakRssMB: z.number().positive(),
  details: z.object({
    initial: z.object({ rowsLanded: z.number(), failed: z.number() }),
    incremental: z.object({
      rowsWritten: z.number(),
      rowsChanged: z.number(),
      skippedEqual: z.number(),
    }),
  }),
  machine: z.object({ cores: z.number(), memoryGB: z.number(), node: z.string() }),
  at: z.iso.datetime(),
});

const databases: DatabaseFactory = async (prefix) => {
  const db = await createTestDatabase(prefix);
  return { url: db.url, drop: () => db.drop() };
};

describe("bench harness (smoke)", () => {
  it("runs bulk-pg-to-pg on 1,000 rows and writes a well-formed result", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "duplex-bench-smoke-"));
    try {
      const result = await benchBulkPgToPg({
        rows: 1_000,
        databases,
        temporalAddress: testTemporalAddress(),
        triggerBatch: 500,
        upsertBatch: 200,
        log: () => {},
      });
      const file = await writeResult(result, dir);
      const parsed = resultSchema.parse(JSON.parse(await readFile(file, "utf8")));
      expect(parsed.rows).toBe(1_000);
      expect(parsed.details.initial).toMatchObject({ rowsLanded: 1_000, failed: 0 });
      // Only the changed tenth is written again; the rest ends as skipped-equal.
      expect(parsed.details.incremental.rowsWritten).toBe(parsed.details.incremental.rowsChanged);
      expect(parsed.details.incremental.skippedEqual).toBe(900);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
