import type { Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, rejectionOf, soapLogin, startFixture } from "../testing/fixture";

describe("sObject Collections (jsforce)", () => {
  let fx: Fixture;
  let conn: Connection;
  beforeAll(async () => {
    fx = await startFixture();
    conn = await soapLogin(fx.emu);
  });
  afterAll(() => fx.emu.close());

  it("creates several records with per-record results and errors", async () => {
    const results = await conn
      .sobject("Contact")
      .create([
        { LastName: "One" },
        { FirstName: "No last name" },
        { LastName: "Three", Email: "bad" },
      ]);
    expect(results[0]).toEqual({ id: expect.stringMatching(/^003/), success: true, errors: [] });
    expect(results[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: "REQUIRED_FIELD_MISSING",
          message: "Required fields are missing: [LastName]",
          fields: ["LastName"],
        },
      ],
    });
    expect(results[2]).toMatchObject({
      success: false,
      errors: [{ statusCode: "INVALID_EMAIL_ADDRESS", fields: ["Email"] }],
    });
    expect(await conn.sobject("Contact").count()).toBe(1);
  });

  it("rolls everything back with allOrNone", async () => {
    const before = await conn.sobject("Lead").count();
    const results = await conn
      .sobject("Lead")
      .create([{ LastName: "A", Company: "C" }, { LastName: "B" }], { allOrNone: true });
    expect(results[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK" }],
    });
    expect(results[1]).toMatchObject({
      success: false,
      errors: [{ statusCode: "REQUIRED_FIELD_MISSING" }],
    });
    expect(await conn.sobject("Lead").count()).toBe(before);
  });

  it("detects duplicates within one batch", async () => {
    const results = await conn.sobject("Account").create([
      { Name: "D1", Duplex_Id__c: "same" },
      { Name: "D2", Duplex_Id__c: "SAME" },
    ]);
    expect(results.map((r) => r.success)).toEqual([true, false]);
    expect(results[1]).toMatchObject({
      errors: [{ statusCode: "DUPLICATE_VALUE", fields: ["Duplex_Id__c"] }],
    });
  });

  it("updates, retrieves and deletes several records", async () => {
    const created = await conn.sobject("Account").create([{ Name: "U1" }, { Name: "U2" }]);
    const [first = "", second = ""] = created.map((r) => r.id ?? "");
    const ids = [first, second];
    const updated = await conn.sobject("Account").update([
      { Id: first, Rating: "Hot" },
      { Id: second, NumberOfEmployees: "many" },
      { Id: "001000000000000AAA", Name: "ghost" },
    ]);
    expect(updated[0]).toEqual({ id: first, success: true, errors: [] });
    expect(updated[1]).toMatchObject({
      id: ids[1],
      success: false,
      errors: [{ statusCode: "INVALID_TYPE_ON_FIELD_IN_RECORD" }],
    });
    expect(updated[2]).toMatchObject({
      success: false,
      errors: [{ statusCode: "INVALID_CROSS_REFERENCE_KEY" }],
    });
    const fetched = await conn
      .sobject("Account")
      .retrieve([first, "001000000000000AAA"], { fields: ["Name", "Rating"] });
    expect(fetched[0]).toMatchObject({ Name: "U1", Rating: "Hot" });
    expect(fetched[1]).toBeNull();
    const deleted = await conn.sobject("Account").destroy([...ids, "garbage"]);
    expect(deleted.map((r) => r.success)).toEqual([true, true, false]);
    expect(deleted[2]).toMatchObject({ errors: [{ statusCode: "MALFORMED_ID" }] });
    const again = await conn.sobject("Account").destroy(ids);
    expect(again[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: "ENTITY_IS_DELETED" }],
    });
  });

  it("deletes with allOrNone rolled back when one id fails", async () => {
    const [{ id = "" } = {}] = await conn.sobject("Account").create([{ Name: "Keep" }]);
    const res = await conn
      .sobject("Account")
      .destroy([id, "001000000000000AAA"], { allOrNone: true });
    expect(res.map((r) => r.success)).toEqual([false, false]);
    expect((await conn.sobject("Account").retrieve(id)).Name).toBe("Keep");
  });

  it("upserts by external ID with created flags", async () => {
    await conn.sobject("Invoice__c").create({ Name: "Existing", External_Id__c: "inv-1" });
    const res = await conn.sobject("Invoice__c").upsert(
      [
        { Name: "Existing v2", External_Id__c: "inv-1" },
        { Name: "New", External_Id__c: "inv-2" },
        { Name: "Bad", External_Id__c: "inv-3", Status__c: "Lost" },
      ],
      "External_Id__c",
    );
    expect(res[0]).toMatchObject({ success: true, created: false });
    expect(res[1]).toMatchObject({
      success: true,
      created: true,
      id: expect.stringMatching(/^a01/),
    });
    expect(res[2]).toMatchObject({
      success: false,
      created: false,
      errors: [{ statusCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST" }],
    });
  });

  it("rejects more than 200 records with EXCEEDED_ID_LIMIT", async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ LastName: `X${i}` }));
    const err = await rejectionOf(conn.sobject("Contact").create(records));
    expect(err.errorCode).toBe("EXCEEDED_ID_LIMIT");
  });

  it("reports an unknown sObject type per record", async () => {
    const res = await conn.request<{ success: boolean; errors: { statusCode: string }[] }[]>({
      method: "POST",
      url: "/composite/sobjects",
      body: JSON.stringify({ records: [{ attributes: { type: "Nope__c" }, Name: "x" }] }),
      headers: { "content-type": "application/json" },
    });
    expect(res[0]).toMatchObject({ success: false, errors: [{ statusCode: "INVALID_TYPE" }] });
  });
});
