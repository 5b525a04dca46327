import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SalesforceConnector } from "./connector";
import { type SalesforceFixture, salesforceFixture } from "./test-support";

let fx: SalesforceFixture;
let sf: SalesforceConnector;
beforeAll(async () => {
  fx = await salesforceFixture();
  sf = fx.connector({ externalIdFieldByObject: { Account: "Duplex_Id__c" } });
});
afterAll(async () => fx?.close());

describe("upsert through sObject Collections", () => {
  it("matched on Id: creates rows without an Id, updates rows with one, in input order", async () => {
    const [created] = await sf.upsert("Account", [{ Name: "Acme" }], { matchField: "Id" });
    expect(created).toMatchObject({ ok: true, created: true, key: expect.stringMatching(/^001/) });
    const id = created?.ok ? created.key : "";
    const outcomes = await sf.upsert(
      "Account",
      [
        { Name: "Beta", Id: "" },
        { Id: id, Name: "Acme 2" },
        { Name: "Gamma", Id: null },
      ],
      { matchField: "Id" },
    );
    expect(outcomes).toEqual([
      { ok: true, key: expect.stringMatching(/^001/), created: true },
      { ok: true, key: id, created: false },
      { ok: true, key: expect.stringMatching(/^001/), created: true },
    ]);
    const [row] = await sf.readByKeys("Account", "Id", [id]);
    expect(row).toMatchObject({ Name: "Acme 2" });
  });

  it("matched on an external ID: Salesforce upserts and reports created", async () => {
    const first = await sf.upsert("Account", [{ Duplex_Id__c: "x-1", Name: "One" }], {
      matchField: "Duplex_Id__c",
    });
    const again = await sf.upsert(
      "Account",
      [
        { Duplex_Id__c: "x-1", Name: "One!" },
        { Duplex_Id__c: "x-2", Name: "Two" },
      ],
      { matchField: "duplex_id__c" },
    );
    expect(first[0]).toMatchObject({ ok: true, created: true });
    expect(again).toMatchObject([
      { ok: true, created: false, key: first[0]?.key },
      { ok: true, created: true },
    ]);
  });

  it("fails only the invalid record inside a batch of 200", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      External_Id__c: `batch-${i}`,
      Name: `Invoice ${i}`,
      Status__c: i === 137 ? "Lost in the mail" : "Sent",
    }));
    const outcomes = await sf.upsert("Invoice__c", rows, { matchField: "External_Id__c" });
    expect(outcomes).toHaveLength(200);
    expect(outcomes.filter((o) => !o.ok)).toHaveLength(1);
    expect(outcomes[137]).toMatchObject({
      ok: false,
      error: {
        code: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
        fields: ["Status__c"],
        transient: false,
      },
    });
    const stored = await sf.readByKeys("Invoice__c", "External_Id__c", ["batch-136", "batch-137"]);
    expect(stored.map((r) => r.External_Id__c)).toEqual(["batch-136"]);
  });

  it.each([
    ["a word for an integer", "Account", { NumberOfEmployees: "many" }, "NumberOfEmployees"],
    ["a fraction for an integer", "Account", { NumberOfEmployees: 1.5 }, "NumberOfEmployees"],
    ["text for a currency", "Account", { AnnualRevenue: "lots" }, "AnnualRevenue"],
    ["a non-date", "Opportunity", { CloseDate: "next week" }, "CloseDate"],
    ["an impossible date", "Opportunity", { CloseDate: "2024-02-30" }, "CloseDate"],
    ["a non-boolean", "Invoice__c", { Is_Disputed__c: "maybe" }, "Is_Disputed__c"],
    ["an object for text", "Account", { Description: { nested: true } }, "Description"],
    ["a list for a reference", "Invoice__c", { Account__c: ["x"] }, "Account__c"],
  ])("fails a record with %s before sending it", async (_case, object, bad, field) => {
    const base =
      object === "Opportunity"
        ? { Name: "Deal", StageName: "Prospecting", CloseDate: "2024-05-01" }
        : { Name: "Fine" };
    const outcomes = await sf.upsert(object, [base, { ...base, ...bad }], { matchField: "Id" });
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(outcomes[1]).toMatchObject({
      ok: false,
      key: null,
      error: { code: "cast_failed", fields: [field], transient: false },
    });
    expect(outcomes[1]?.ok === false && outcomes[1].error.message).toContain(`${object}.${field}`);
  });

  it("casts values to each field's type before sending", async () => {
    const [outcome] = await sf.upsert(
      "Invoice__c",
      [
        {
          Name: "Typed",
          External_Id__c: "typed-1",
          Amount__c: "12.50",
          Is_Disputed__c: "true",
          Due_Date__c: "2024-03-04T22:00:00-05:00",
          Paid_At__c: "2024-03-04 10:00:00+02:00",
        },
      ],
      { matchField: "External_Id__c" },
    );
    expect(outcome).toMatchObject({ ok: true });
    const [row] = await sf.readByKeys("Invoice__c", "External_Id__c", ["typed-1"]);
    expect(row).toMatchObject({
      Amount__c: 12.5,
      Is_Disputed__c: true,
      Due_Date__c: "2024-03-05",
      Paid_At__c: "2024-03-04T08:00:00.000Z",
    });
  });

  it("resolves references through the configured external ID of the parent", async () => {
    await sf.upsert("Account", [{ Duplex_Id__c: "parent-1", Name: "Parent" }], {
      matchField: "Duplex_Id__c",
    });
    const [parent] = await sf.readByKeys("Account", "Duplex_Id__c", ["parent-1"]);
    const outcomes = await sf.upsert(
      "Contact",
      [
        { LastName: "Kid", AccountId: "parent-1" },
        { LastName: "Orphan", AccountId: "no-such-parent" },
      ],
      { matchField: "Id" },
    );
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: "INVALID_FIELD" } });
    const [kid] = await sf.readByKeys("Contact", "LastName", ["Kid"]);
    expect(kid?.AccountId).toBe(parent?.Id);

    // Without the setting, a value that is not an Id cannot be cast, and the error says what to set.
    const [plain] = await fx
      .connector()
      .upsert("Contact", [{ LastName: "Kid", AccountId: "parent-1" }], {
        matchField: "Id",
      });
    expect(plain).toMatchObject({
      ok: false,
      error: { code: "cast_failed", fields: ["AccountId"] },
    });
    expect(plain?.ok === false && plain.error.message).toContain("externalIdFieldByObject.Account");
  });

  it.each([
    [
      "a match field that is not an external ID",
      { matchField: "Name" },
      "match_field_not_external_id",
    ],
    ["an unknown match field", { matchField: "Nope__c" }, "unknown_field"],
  ])("refuses %s", async (_case, options, code) => {
    await expect(sf.upsert("Account", [{ Name: "x" }], options)).rejects.toMatchObject({
      name: "ConnectorError",
      code,
    });
  });

  it("fails rows that lack their external-ID value, and unknown fields, alone", async () => {
    const outcomes = await sf.upsert(
      "Account",
      [
        { Name: "No key" },
        { Duplex_Id__c: "k-1", Bogus__c: 1 },
        { Duplex_Id__c: "k-2", Name: "ok" },
      ],
      { matchField: "Duplex_Id__c" },
    );
    expect(outcomes.map((o) => (o.ok ? "ok" : o.error.code))).toEqual([
      "missing_match_value",
      "INVALID_FIELD",
      "ok",
    ]);
  });
});

describe("insert and delete", () => {
  it("inserts with Salesforce-assigned Ids and refuses rows that bring one", async () => {
    const outcomes = await sf.insert("Account", [
      { Name: "New" },
      { Id: "001000000000001AAA", Name: "x" },
    ]);
    expect(outcomes[0]).toMatchObject({
      ok: true,
      created: true,
      key: expect.stringMatching(/^001/),
    });
    expect(outcomes[1]).toMatchObject({
      ok: false,
      error: { code: "INVALID_FIELD_FOR_INSERT_UPDATE" },
    });
  });

  it("deletes by Id, treats already-deleted as done, and never deletes another object's record", async () => {
    const [a, b] = await sf.insert("Account", [{ Name: "Doomed" }, { Name: "Doomed too" }]);
    const [contact] = await sf.insert("Contact", [{ LastName: "Safe" }]);
    const ids = [a, b, contact].map((o) => (o?.ok ? o.key : ""));
    await sf.delete("Account", [ids[1] ?? ""]);
    const outcomes = await sf.delete("Account", [ids[0] ?? "", ids[1] ?? "", ids[2] ?? "", "junk"]);
    expect(outcomes.map((o) => (o.ok ? "ok" : o.error.code))).toEqual([
      "ok",
      "ok",
      "MALFORMED_ID",
      "MALFORMED_ID",
    ]);
    expect(await sf.readByKeys("Contact", "Id", [ids[2] ?? ""])).toHaveLength(1);
  });
});
