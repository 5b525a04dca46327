import type { Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, rejectionOf, soapLogin, startFixture } from "../testing/fixture";

const SF_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

describe("sObject rows (jsforce)", () => {
  let fx: Fixture;
  let conn: Connection;
  beforeAll(async () => {
    fx = await startFixture();
    conn = await soapLogin(fx.emu);
  });
  afterAll(() => fx.emu.close());

  it("creates, retrieves, updates and deletes a record", async () => {
    const created = await conn.sobject("Account").create({ Name: "Crud Co", Industry: "Banking" });
    expect(created).toEqual({
      id: expect.stringMatching(/^001[a-zA-Z0-9]{15}$/),
      success: true,
      errors: [],
    });
    const id = created.id ?? "";
    const record = await conn.sobject("Account").retrieve(id);
    expect(record).toMatchObject({
      attributes: { type: "Account", url: expect.stringContaining(`/sobjects/Account/${id}`) },
      Id: id,
      Name: "Crud Co",
      Industry: "Banking",
      IsDeleted: false,
    });
    const partial = await conn.sobject("Account").retrieve(id, { fields: ["Name"] });
    expect(Object.keys(partial)).toEqual(["attributes", "Name"]);
    await conn.sobject("Account").update({ Id: id, Industry: "Energy" });
    expect((await conn.sobject("Account").retrieve(id)).Industry).toBe("Energy");
    await conn.sobject("Account").destroy(id);
    const err = await rejectionOf(conn.sobject("Account").retrieve(id));
    expect(err.errorCode).toBe("ENTITY_IS_DELETED");
  });

  it("maintains system fields like Salesforce", async () => {
    const { id = "" } = await conn.sobject("Contact").create({ LastName: "Stamp" });
    const first = await conn.sobject("Contact").retrieve(id);
    for (const f of ["CreatedDate", "LastModifiedDate", "SystemModstamp"])
      expect(first[f]).toMatch(SF_DATETIME);
    expect(first.CreatedById).toBe(conn.userInfo?.id);
    expect(first.LastModifiedById).toBe(conn.userInfo?.id);
    expect(first.Name).toBe("Stamp");
    fx.advance(5_000);
    await conn.sobject("Contact").update({ Id: id, FirstName: "Tim" });
    const second = await conn.sobject("Contact").retrieve(id);
    expect(second.CreatedDate).toBe(first.CreatedDate);
    expect(second.LastModifiedDate > first.LastModifiedDate).toBe(true);
    expect(second.SystemModstamp).toBe(second.LastModifiedDate);
    expect(second.Name).toBe("Tim Stamp");
  });

  it("bumps only SystemModstamp when a lookup is cleared by a parent delete (system change)", async () => {
    const { id: accountId = "" } = await conn.sobject("Account").create({ Name: "Parent" });
    const { id: invoiceId = "" } = await conn
      .sobject("Invoice__c")
      .create({ Name: "INV-S", Account__c: accountId });
    const before = await conn.sobject("Invoice__c").retrieve(invoiceId);
    fx.advance(5_000);
    await conn.sobject("Account").destroy(accountId);
    const after = await conn.sobject("Invoice__c").retrieve(invoiceId);
    expect(after.Account__c).toBeNull();
    expect(after.LastModifiedDate).toBe(before.LastModifiedDate);
    expect(after.SystemModstamp > before.SystemModstamp).toBe(true);
  });

  it("soft-deletes into the recycle bin, visible to queryAll only, cascading to contacts", async () => {
    const { id: accountId = "" } = await conn.sobject("Account").create({ Name: "Binned" });
    const { id: contactId = "" } = await conn
      .sobject("Contact")
      .create({ LastName: "Child", AccountId: accountId });
    await conn.sobject("Account").destroy(accountId);
    const live = await conn.query(`SELECT Id FROM Contact WHERE Id = '${contactId}'`);
    expect(live.totalSize).toBe(0);
    const all = await conn.query(`SELECT Id, IsDeleted FROM Contact WHERE Id = '${contactId}'`, {
      scanAll: true,
    });
    expect(all.records).toEqual([expect.objectContaining({ Id: contactId, IsDeleted: true })]);
    const err = await rejectionOf(conn.sobject("Account").destroy(accountId));
    expect(err.errorCode).toBe("ENTITY_IS_DELETED");
  });

  it("lists deleted records through the sObject Get Deleted resource", async () => {
    const start = new Date(Date.now() - 60_000);
    const { id = "" } = await conn.sobject("Lead").create({ LastName: "Gone", Company: "X" });
    await conn.sobject("Lead").destroy(id);
    const res = await conn.sobject("Lead").deleted(start, new Date(Date.now() + 3_600_000));
    expect(res.deletedRecords).toEqual([{ id, deletedDate: expect.stringMatching(SF_DATETIME) }]);
    expect(res.earliestDateAvailable).toMatch(SF_DATETIME);
    expect(res.latestDateCovered).toMatch(SF_DATETIME);
    const updated = await conn.sobject("Lead").updated(start, new Date(Date.now() + 3_600_000));
    expect(updated.ids).not.toContain(id);
  });

  it("returns 404 NOT_FOUND for unknown objects and records", async () => {
    expect((await rejectionOf(conn.sobject("Nope__c").create({ Name: "x" }))).errorCode).toBe(
      "NOT_FOUND",
    );
    expect(
      (await rejectionOf(conn.sobject("Account").retrieve("001000000000000AAA"))).errorCode,
    ).toBe("NOT_FOUND");
    expect(
      (await rejectionOf(conn.sobject("Account").update({ Id: "001000000000000AAA", Name: "x" })))
        .errorCode,
    ).toBe("NOT_FOUND");
  });

  it("rejects malformed JSON with JSON_PARSER_ERROR and keeps serving", async () => {
    const err = await rejectionOf(
      conn.request({
        method: "POST",
        url: "/sobjects/Account",
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
    );
    expect(err.errorCode).toBe("JSON_PARSER_ERROR");
    const arrayBody = await rejectionOf(
      conn.request({
        method: "POST",
        url: "/sobjects/Account",
        body: "[1,2]",
        headers: { "content-type": "application/json" },
      }),
    );
    expect(arrayBody.errorCode).toBe("JSON_PARSER_ERROR");
    expect((await conn.sobject("Account").create({ Name: "Still alive" })).success).toBe(true);
  });
});

describe("upsert by external ID (jsforce)", () => {
  let fx: Fixture;
  let conn: Connection;
  beforeAll(async () => {
    fx = await startFixture();
    conn = await soapLogin(fx.emu);
  });
  afterAll(() => fx.emu.close());

  it("creates (201, created: true) then updates (200, created: false)", async () => {
    const created = await conn
      .sobject("Account")
      .upsert({ Name: "Ext", Duplex_Id__c: "dx-1" }, "Duplex_Id__c");
    expect(created).toMatchObject({
      success: true,
      created: true,
      id: expect.stringMatching(/^001/),
    });
    const updated = await conn
      .sobject("Account")
      .upsert({ Name: "Ext 2", Duplex_Id__c: "dx-1" }, "Duplex_Id__c");
    expect(updated).toMatchObject({ success: true, created: false, id: created.id });
    expect((await conn.sobject("Account").retrieve(created.id ?? "")).Name).toBe("Ext 2");
  });

  it("answers 204 No Content for updates before API 46.0", async () => {
    const old = await soapLogin(fx.emu, "45.0");
    await old.sobject("Account").upsert({ Name: "Old", Duplex_Id__c: "dx-old" }, "Duplex_Id__c");
    const res = await old.request({
      method: "PATCH",
      url: "/sobjects/Account/Duplex_Id__c/dx-old",
      body: JSON.stringify({ Name: "Old 2" }),
      headers: { "content-type": "application/json" },
    });
    expect(res).toBeUndefined();
  });

  it("matches external IDs case-insensitively and supports ?updateOnly", async () => {
    await conn
      .sobject("Invoice__c")
      .upsert({ Name: "I-1", External_Id__c: "ABC" }, "External_Id__c");
    const again = await conn
      .sobject("Invoice__c")
      .upsert({ Name: "I-1b", External_Id__c: "abc" }, "External_Id__c");
    expect(again.created).toBe(false);
    const err = await rejectionOf(
      conn.request({
        method: "PATCH",
        url: "/sobjects/Invoice__c/External_Id__c/missing?updateOnly=true",
        body: "{}",
        headers: { "content-type": "application/json" },
      }),
    );
    expect(err.errorCode).toBe("NOT_FOUND");
  });

  it("answers 300 MULTIPLE_CHOICES when a non-unique external ID matches several records", async () => {
    await conn.sobject("Invoice__c").create([
      { Name: "L1", Legacy_Number__c: "L-9" },
      { Name: "L2", Legacy_Number__c: "L-9" },
    ]);
    const err = await rejectionOf(
      conn
        .sobject("Invoice__c")
        .upsert({ Name: "L3", Legacy_Number__c: "L-9" }, "Legacy_Number__c"),
    );
    expect(err.errorCode).toBe("MULTIPLE_CHOICES");
    expect(err.data).toHaveLength(2);
  });

  it.each([["No_Such_Field__c"], ["Name"]])(
    "answers 404 NOT_FOUND for %s (not an external ID)",
    async (field) => {
      const err = await rejectionOf(
        conn.sobject("Account").upsert({ Name: "x", [field]: "v" }, field),
      );
      expect(err.errorCode).toBe("NOT_FOUND");
    },
  );

  it("sets lookups through the parent's external ID", async () => {
    await conn.sobject("Account").upsert({ Name: "Parent", Duplex_Id__c: "acc-9" }, "Duplex_Id__c");
    const { id = "" } = await conn
      .sobject("Contact")
      .create({ LastName: "Kid", Account: { Duplex_Id__c: "acc-9" } });
    const contact = await conn.query(`SELECT Account.Duplex_Id__c FROM Contact WHERE Id = '${id}'`);
    expect(contact.records[0]).toMatchObject({ Account: { Duplex_Id__c: "acc-9" } });
  });
});
