import type { RecordValues } from "@duplex/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeRecord } from "../types";
import type { SalesforceConnector } from "./connector";
import { type SalesforceFixture, salesforceFixture } from "./test-support";

let fx: SalesforceFixture;
let sf: SalesforceConnector;
const TOTAL = 2_500;

beforeAll(async () => {
  fx = await salesforceFixture();
  sf = fx.connector({ bulkThreshold: 10_000 });
  // Several records per millisecond tick, so the (SystemModstamp, Id) keyset is exercised.
  for (let i = 0; i < TOTAL; i += 200) {
    const rows = Array.from({ length: Math.min(200, TOTAL - i) }, (_, j) => ({
      Name: `Invoice ${i + j}`,
      External_Id__c: `inv-${i + j}`,
    }));
    const outcomes = await sf.upsert("Invoice__c", rows, { matchField: "External_Id__c" });
    expect(outcomes.every((o) => o.ok)).toBe(true);
    fx.advance(1_000);
  }
});
afterAll(async () => fx?.close());

async function readToEnd(since: string | null, limit: number, overlapMs = 0) {
  const changes: ChangeRecord[] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const page = await sf.readChanges("Invoice__c", { since: cursor, overlapMs, limit });
    pages += 1;
    changes.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.hasMore) return { changes, cursor, pages };
  }
}

describe("readChanges", () => {
  it.each([
    ["keyset pages", 1_000, 3],
    ["one page read through queryMore", 5_000, 1],
  ])("reads every record in order with %s (limit %i)", async (_name, limit, pages) => {
    const read = await readToEnd(null, limit);
    expect(read.pages).toBe(pages);
    expect(read.changes).toHaveLength(TOTAL);
    expect(new Set(read.changes.map((c) => c.key)).size).toBe(TOTAL);
    const order = read.changes.map((c) => `${c.sourceUpdatedAt} ${c.key}`);
    expect(order).toEqual([...order].sort());
    expect(read.changes[0]).toMatchObject({ op: "upsert", object: "Invoice__c" });
    expect(read.changes[0]?.sourceUpdatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(read.changes[0]?.sourceUpdatedAt).toBe(read.changes[0]?.record?.SystemModstamp);
  });

  it("re-reads the overlap window from a watermark, then sees new changes and deletes", async () => {
    const all = await readToEnd(null, 5_000);
    const watermark = all.cursor;
    // Nothing new: only the overlap window (the last batch, written 0 s before the watermark) comes back.
    const again = await readToEnd(watermark, 5_000, 500);
    expect(again.changes.length).toBeGreaterThan(0);
    expect(again.changes.length).toBeLessThanOrEqual(200);
    const noOverlap = await readToEnd(watermark, 5_000, 0);
    expect(noOverlap.changes).toEqual([]);
    expect(noOverlap.cursor).toBe(watermark);

    fx.advance(5_000);
    const [first, second] = all.changes;
    await sf.upsert("Invoice__c", [{ Id: first?.key, Name: "renamed" }], { matchField: "Id" });
    await sf.delete("Invoice__c", [second?.key ?? ""]);
    const next = await readToEnd(watermark, 100, 500);
    const byKey = new Map(next.changes.map((c) => [c.key, c]));
    expect(byKey.get(first?.key ?? "")).toMatchObject({
      op: "upsert",
      record: { Name: "renamed" },
    });
    expect(byKey.get(second?.key ?? "")).toMatchObject({
      op: "delete",
      record: { IsDeleted: true },
    });
  });

  it("refuses a cursor it did not make", async () => {
    await expect(
      sf.readChanges("Invoice__c", { since: '{"v":1,"at":"x"}', overlapMs: 0, limit: 10 }),
    ).rejects.toMatchObject({ code: "invalid_cursor", transient: false });
  });
});

describe("readAll and readByKeys", () => {
  it("pages through every live record by Id", async () => {
    const seen: RecordValues[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<SalesforceConnector["readAll"]>> = await sf.readAll(
        "Invoice__c",
        { cursor, pageSize: 700 },
      );
      seen.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.length).toBeGreaterThanOrEqual(TOTAL - 1);
    expect(seen.every((r) => r.IsDeleted === false)).toBe(true);
    expect(seen[0]).not.toHaveProperty("attributes");
  });

  it("reads more than 200 keys in chunks, ignoring unknown ones", async () => {
    const keys = [
      ...Array.from({ length: 450 }, (_, i) => `inv-${i + 100}`),
      "inv-none",
      "inv-100",
    ];
    const rows = await sf.readByKeys("Invoice__c", "External_Id__c", keys);
    expect(rows).toHaveLength(450);
    expect(new Set(rows.map((r) => r.External_Id__c))).toEqual(new Set(keys.slice(0, 450)));
  });

  it.each([
    "it's",
    "back\\slash",
    "' OR Name != '",
    "\\' OR Name != '",
    "line\nbreak\ttab",
    'dq " and % and _',
    "ünïcødé ✓",
  ])("matches the hostile value %j exactly", async (value) => {
    await sf.upsert("Invoice__c", [{ Name: value, External_Id__c: `hostile-${value}` }], {
      matchField: "External_Id__c",
    });
    const rows = await sf.readByKeys("Invoice__c", "Name", [value]);
    expect(rows.map((r) => r.Name)).toEqual([value]);
  });

  it("refuses fields that are not in describe", async () => {
    for (const field of ["Nope__c", "Name) OR (Id", "Name--"]) {
      await expect(sf.readByKeys("Invoice__c", field, ["x"])).rejects.toMatchObject({
        code: "unknown_field",
      });
    }
  });
});
