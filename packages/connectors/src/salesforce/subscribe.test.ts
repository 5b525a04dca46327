import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeRecord } from "../types";
import { type SalesforceFixture, salesforceFixture } from "./test-support";

let fx: SalesforceFixture;
beforeAll(async () => {
  fx = await salesforceFixture();
});
afterAll(async () => fx?.close());

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("subscribe (SystemModstamp polling)", () => {
  it("delivers new changes and deletes in micro-batches, once each, and resumes from a cursor", async () => {
    const sf = fx.connector({ pollIntervalMs: 100 });
    const batches: ChangeRecord[][] = [];
    const subscription = await sf.subscribe({
      objects: ["Account", "Contact"],
      maxBatchSize: 3,
      maxDelayMs: 20,
      onChanges: async (changes) => {
        batches.push(changes);
      },
    });
    const delivered = () => batches.flat();
    try {
      const written = await sf.insert(
        "Account",
        Array.from({ length: 5 }, (_, i) => ({ Name: `Sub ${i}` })),
      );
      const ids = written.map((o) => (o.ok ? o.key : ""));
      await waitFor(() => delivered().length >= 5);
      await sf.delete("Account", [ids[0] ?? ""]);
      await waitFor(() => delivered().some((c) => c.op === "delete"));
      // Several more polls: the overlap window is re-read but nothing is delivered twice.
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(batches.every((b) => b.length <= 3)).toBe(true);
      const seen = delivered().map((c) => `${c.op} ${c.key} ${c.sourceUpdatedAt}`);
      expect(new Set(seen).size).toBe(seen.length);
      expect(
        delivered()
          .filter((c) => c.op === "upsert")
          .map((c) => c.key),
      ).toEqual(ids);
      expect(delivered().at(-1)).toMatchObject({ op: "delete", key: ids[0], object: "Account" });
    } finally {
      await subscription.close();
    }

    // A later subscription resumes from the last delivered cursor. Like every Duplex read it
    // re-reads the overlap window behind it (the compare step absorbs those), and nothing older.
    const cursor = delivered().at(-1)?.cursor ?? null;
    fx.advance(120_000); // beyond the overlap window
    const later: ChangeRecord[] = [];
    const resumed = await sf.subscribe({
      objects: ["Account", "Contact"],
      since: cursor,
      maxBatchSize: 10,
      maxDelayMs: 20,
      onChanges: async (changes) => {
        later.push(...changes);
      },
    });
    try {
      await sf.insert("Contact", [{ LastName: "Late" }]);
      await waitFor(() => later.some((c) => c.object === "Contact"));
      const contacts = later.filter((c) => c.object === "Contact");
      expect(contacts.map((c) => c.record?.LastName)).toEqual(["Late"]);
      const known = new Set(delivered().map((c) => `${c.key} ${c.sourceUpdatedAt}`));
      const replayed = later.filter((c) => c.object === "Account");
      expect(replayed.every((c) => known.has(`${c.key} ${c.sourceUpdatedAt}`))).toBe(true);
    } finally {
      await resumed.close();
    }
  });

  it("rejects an unknown object up front", async () => {
    await expect(
      fx.connector().subscribe({
        objects: ["Nope__c"],
        maxBatchSize: 10,
        maxDelayMs: 10,
        onChanges: async () => undefined,
      }),
    ).rejects.toMatchObject({ code: "unknown_object" });
  });
});
