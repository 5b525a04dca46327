import type { Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDatetime } from "../records/datetime-format";
import { type Fixture, soapLogin, startFixture } from "../testing/fixture";

interface ChangeFeed {
  changes: {
    object: string;
    id: string;
    changeType: string;
    systemModstamp: string;
    record: Record<string, unknown>;
  }[];
  nextSince: string;
  done: boolean;
}

describe("change discovery (jsforce)", () => {
  let fx: Fixture;
  let conn: Connection;
  beforeAll(async () => {
    fx = await startFixture();
    conn = await soapLogin(fx.emu);
  });
  afterAll(() => fx.emu.close());

  it("finds changes by polling SystemModstamp with SOQL", async () => {
    const { id = "" } = await conn.sobject("Account").create({ Name: "Poll me" });
    fx.advance(2_000);
    const since = formatDatetime(fx.emu.context.now() - 1_000).replace("+0000", "Z");
    fx.advance(2_000);
    await conn.sobject("Account").update({ Id: id, Rating: "Warm" });
    const changed = await conn.query(
      `SELECT Id, Rating FROM Account WHERE SystemModstamp > ${since}`,
    );
    expect(changed.records).toEqual([expect.objectContaining({ Id: id, Rating: "Warm" })]);
  });

  it("serves the emulator change feed with created/updated/deleted entries", async () => {
    fx.advance(2_000);
    const since = formatDatetime(fx.emu.context.now() + 3_000);
    fx.advance(5_000);
    const { id: a = "" } = await conn.sobject("Lead").create({ LastName: "Feed", Company: "X" });
    const { id: b = "" } = await conn.sobject("Lead").create({ LastName: "Feed 2", Company: "X" });
    const { id: old = "" } = await conn.sobject("Account").create({ Name: "Old" });
    fx.advance(1_000);
    await conn.sobject("Lead").destroy(b);
    const feed = await conn.request<ChangeFeed>(
      `/emulator/changes?since=${encodeURIComponent(since)}&objects=Lead`,
    );
    expect(feed.changes.map((c) => [c.id, c.changeType])).toEqual([
      [a, "created"],
      [b, "deleted"],
    ]);
    expect(feed.done).toBe(true);
    const next = await conn.request<ChangeFeed>(
      `/emulator/changes?since=${encodeURIComponent(feed.nextSince)}`,
    );
    expect(next.changes).toEqual([]);
    const all = await conn.request<ChangeFeed>(
      `/emulator/changes?since=${encodeURIComponent(since)}`,
    );
    expect(all.changes.map((c) => c.id)).toContain(old);
  });
});
