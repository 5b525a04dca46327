import type { Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, rejectionOf, soapLogin, startFixture } from "../testing/fixture";

describe("field validation (jsforce)", () => {
  let fx: Fixture;
  let conn: Connection;
  let accountId = "";
  let contactId = "";
  beforeAll(async () => {
    fx = await startFixture();
    conn = await soapLogin(fx.emu);
    accountId =
      (await conn.sobject("Account").create({ Name: "Valid", Duplex_Id__c: "taken" })).id ?? "";
    contactId = (await conn.sobject("Contact").create({ LastName: "C" })).id ?? "";
  });
  afterAll(() => fx.emu.close());

  const opp = { Name: "Deal", StageName: "Prospecting", CloseDate: "2025-01-31" };

  it.each<[string, string, Record<string, unknown>, string, string[]]>([
    [
      "number from text",
      "Opportunity",
      { ...opp, Amount: "abc" },
      "INVALID_TYPE_ON_FIELD_IN_RECORD",
      ["Amount"],
    ],
    [
      "int from decimal",
      "Account",
      { Name: "a", NumberOfEmployees: 1.5 },
      "INVALID_TYPE_ON_FIELD_IN_RECORD",
      ["NumberOfEmployees"],
    ],
    [
      "bad date",
      "Opportunity",
      { ...opp, CloseDate: "2025-02-30" },
      "INVALID_TYPE_ON_FIELD_IN_RECORD",
      ["CloseDate"],
    ],
    [
      "bad datetime",
      "Invoice__c",
      { Name: "i", Paid_At__c: "yesterday" },
      "INVALID_TYPE_ON_FIELD_IN_RECORD",
      ["Paid_At__c"],
    ],
    [
      "bad boolean",
      "Contact",
      { LastName: "b", HasOptedOutOfEmail: "maybe" },
      "INVALID_TYPE_ON_FIELD_IN_RECORD",
      ["HasOptedOutOfEmail"],
    ],
    [
      "number out of range",
      "Invoice__c",
      { Name: "i", Amount__c: 1e20 },
      "NUMBER_OUTSIDE_VALID_RANGE",
      ["Amount__c"],
    ],
    [
      "required field",
      "Contact",
      { FirstName: "No last name" },
      "REQUIRED_FIELD_MISSING",
      ["LastName"],
    ],
    [
      "several required fields",
      "Opportunity",
      { Name: "x" },
      "REQUIRED_FIELD_MISSING",
      ["StageName", "CloseDate"],
    ],
    [
      "restricted picklist",
      "Opportunity",
      { ...opp, StageName: "Dreaming" },
      "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
      ["StageName"],
    ],
    ["string too long", "Account", { Name: "x".repeat(256) }, "STRING_TOO_LONG", ["Name"]],
    [
      "bad email",
      "Contact",
      { LastName: "e", Email: "not-an-email" },
      "INVALID_EMAIL_ADDRESS",
      ["Email"],
    ],
    [
      "malformed lookup id",
      "Contact",
      { LastName: "l", AccountId: "garbage" },
      "MALFORMED_ID",
      ["AccountId"],
    ],
    [
      "lookup to a missing record",
      "Contact",
      { LastName: "l", AccountId: "0015g0000zzzzzzAAA" },
      "INVALID_CROSS_REFERENCE_KEY",
      ["AccountId"],
    ],
    ["unknown field", "Account", { Name: "a", Bogus__c: 1 }, "INVALID_FIELD", ["Bogus__c"]],
    [
      "read-only field",
      "Account",
      { Name: "a", CreatedDate: "2020-01-01T00:00:00Z" },
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      ["CreatedDate"],
    ],
    [
      "computed field",
      "Contact",
      { LastName: "a", Name: "Full" },
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      ["Name"],
    ],
    [
      "duplicate external id",
      "Account",
      { Name: "a", Duplex_Id__c: "TAKEN" },
      "DUPLICATE_VALUE",
      ["Duplex_Id__c"],
    ],
  ])("%s → %s", async (_name, object, record, errorCode, fields) => {
    const err = await rejectionOf(conn.sobject(object).create(record));
    expect(err.errorCode).toBe(errorCode);
    expect(err.data).toMatchObject({ errorCode, fields });
  });

  it("rejects a lookup ID of the wrong object type", async () => {
    const err = await rejectionOf(
      conn.sobject("Contact").create({ LastName: "w", AccountId: contactId }),
    );
    expect(err.errorCode).toBe("FIELD_INTEGRITY_EXCEPTION");
  });

  it("rejects clearing a required field and updating a read-only one", async () => {
    expect(
      (await rejectionOf(conn.sobject("Account").update({ Id: accountId, Name: null }))).errorCode,
    ).toBe("REQUIRED_FIELD_MISSING");
    expect(
      (
        await rejectionOf(
          conn.sobject("Lead").create({ LastName: "x", Company: "y", IsConverted: true }),
        )
      ).errorCode,
    ).toBe("INVALID_FIELD_FOR_INSERT_UPDATE");
  });

  it("coerces valid values: numeric strings, rounding to scale, datetimes to UTC, defaults", async () => {
    const { id = "" } = await conn
      .sobject("Invoice__c")
      .create({ Name: "Coerce", Amount__c: "12.345", Paid_At__c: "2024-05-01T12:00:00+02:00" });
    const r = await conn.sobject("Invoice__c").retrieve(id);
    expect(r).toMatchObject({
      Amount__c: 12.35,
      Paid_At__c: "2024-05-01T10:00:00.000+0000",
      Status__c: "Draft",
      Is_Disputed__c: false,
    });
    const lead = await conn
      .sobject("Lead")
      .retrieve((await conn.sobject("Lead").create({ LastName: "D", Company: "C" })).id ?? "");
    expect(lead.Status).toBe("Open - Not Contacted");
  });

  it("accepts any value in an unrestricted picklist", async () => {
    expect(
      (await conn.sobject("Account").create({ Name: "p", Industry: "Space Mining" })).success,
    ).toBe(true);
  });
});
