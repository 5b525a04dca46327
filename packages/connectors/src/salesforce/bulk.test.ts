import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SalesforceConnector } from "./connector";
import { type SalesforceFixture, salesforceFixture } from "./test-support";

let fx: SalesforceFixture;
let sf: SalesforceConnector;
beforeAll(async () => {
  fx = await salesforceFixture();
  sf = fx.connector({ bulkThreshold: 2000 });
});
afterAll(async () => fx?.close());

const COUNT = 10_000;
/** Rows that Salesforce itself rejects (restricted picklist), scattered through the load. */
const BAD = new Set([0, 4_321, 9_999]);

function invoices(suffix: string) {
  return Array.from({ length: COUNT }, (_, i) => ({
    External_Id__c: `bulk-${i}`,
    Name: `Invoice ${i} ${suffix}`,
    Amount__c: i / 4,
    Status__c: BAD.has(i) ? "Bogus" : "Sent",
    // Identical cells on purpose in a few rows: results are matched back by content.
    Notes__c: i % 1000 === 1 ? null : `note, "quoted"\nline ${i % 7}`,
  }));
}

describe("upsert through Bulk API 2.0", () => {
  it("writes 10,000 records and maps results back to input order", {
    timeout: 120_000,
  }, async () => {
    const collections = vi.spyOn(sf.session, "request");
    const outcomes = await sf.upsert("Invoice__c", invoices("v1"), {
      matchField: "External_Id__c",
    });
    expect(collections).not.toHaveBeenCalledWith(
      expect.anything(),
      "PATCH",
      expect.anything(),
      expect.anything(),
    );
    collections.mockRestore();

    expect(outcomes).toHaveLength(COUNT);
    for (const [i, outcome] of outcomes.entries()) {
      if (BAD.has(i)) {
        expect(outcome).toMatchObject({
          ok: false,
          error: {
            code: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
            fields: ["Status__c"],
            transient: false,
          },
        });
      } else expect(outcome).toMatchObject({ ok: true, created: true });
    }
    const keys = outcomes.flatMap((o) => (o.ok ? [o.key] : []));
    expect(new Set(keys).size).toBe(COUNT - BAD.size);

    // Each outcome's key is the record written from that input row.
    const sample = [1, 2_500, 7_777];
    const rows = await sf.readByKeys(
      "Invoice__c",
      "Id",
      sample.map((i) => (outcomes[i]?.ok ? outcomes[i].key : "")),
    );
    for (const i of sample) {
      const row = rows.find((r) => outcomes[i]?.ok && r.Id === outcomes[i].key);
      expect(row).toMatchObject({ External_Id__c: `bulk-${i}`, Amount__c: i / 4 });
    }
    expect(rows.find((r) => r.External_Id__c === "bulk-1")?.Notes__c).toBeNull();

    const second = await sf.upsert("Invoice__c", invoices("v2"), { matchField: "External_Id__c" });
    expect(second.filter((o) => o.ok && !o.created)).toHaveLength(COUNT - BAD.size);
    expect(second.map((o) => o.ok && o.key)).toEqual(outcomes.map((o) => o.ok && o.key));
  });

  it("updates by Id and inserts without one, in one call", { timeout: 60_000 }, async () => {
    const existing = await sf.readAll("Invoice__c", { cursor: null, pageSize: 1_500 });
    const rows = [
      ...existing.records.map((r) => ({ Id: r.Id, Name: "renamed" })),
      ...Array.from({ length: 1_000 }, (_, i) => ({ Name: `fresh ${i}` })),
    ];
    const outcomes = await sf.upsert("Invoice__c", rows, { matchField: "Id" });
    expect(
      outcomes
        .slice(0, 1_500)
        .every((o, i) => o.ok && !o.created && o.key === existing.records[i]?.Id),
    ).toBe(true);
    expect(outcomes.slice(1_500).every((o) => o.ok && o.created)).toBe(true);
  });
});
