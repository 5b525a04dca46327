import { createTestDatabase, type TestDatabase } from "@duplex/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SalesforceEmulator, startSalesforceEmulator } from "../emulator";
import { rejectionOf, soapLogin } from "../testing/fixture";

describe("Postgres-backed store", () => {
  let db: TestDatabase;
  let emu: SalesforceEmulator | undefined;
  beforeAll(async () => {
    db = await createTestDatabase("sf_emulator_t");
  });
  afterAll(async () => {
    await emu?.close();
    await db.drop();
  });

  it("keeps records, deletes and ID sequence across a restart", async () => {
    emu = await startSalesforceEmulator({ store: { databaseUrl: db.url }, seed: true });
    let conn = await soapLogin(emu);
    const seeded = await conn.sobject("Account").count();
    expect(seeded).toBe(30);
    const { id = "" } = await conn
      .sobject("Account")
      .create({ Name: "Durable", Duplex_Id__c: "d-1" });
    const victim =
      (await conn.query<{ Id: string }>("SELECT Id FROM Lead ORDER BY LastName LIMIT 1")).records[0]
        ?.Id ?? "";
    await conn.sobject("Lead").destroy(victim);
    await emu.close();

    emu = await startSalesforceEmulator({ store: { databaseUrl: db.url }, seed: true });
    conn = await soapLogin(emu);
    expect(await conn.sobject("Account").count()).toBe(seeded + 1);
    expect(await conn.sobject("Account").retrieve(id)).toMatchObject({
      Name: "Durable",
      Duplex_Id__c: "d-1",
    });
    const deleted = await conn.query(`SELECT IsDeleted FROM Lead WHERE Id = '${victim}'`, {
      scanAll: true,
    });
    expect(deleted.records[0]).toMatchObject({ IsDeleted: true });
    // Uniqueness is still enforced against persisted data, and new IDs never collide.
    expect(
      (await rejectionOf(conn.sobject("Account").create({ Name: "Dup", Duplex_Id__c: "D-1" })))
        .errorCode,
    ).toBe("DUPLICATE_VALUE");
    const fresh = await conn.sobject("Account").create({ Name: "After restart" });
    expect(fresh.id).not.toBe(id);
    const results = await conn
      .sobject("Contact")
      .create(Array.from({ length: 50 }, (_, i) => ({ LastName: `PG ${i}` })));
    expect(results.every((r) => r.success)).toBe(true);
  });
});
