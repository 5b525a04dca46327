import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejection, type SalesforceFixture, salesforceFixture } from "./test-support";

let fx: SalesforceFixture;
beforeAll(async () => {
  fx = await salesforceFixture();
});
afterAll(async () => fx?.close());

describe("describe", () => {
  it("lists every syncable object with Id as key and SystemModstamp as updated-at", async () => {
    const objects = await fx.connector().describe();
    expect(objects.map((o) => o.name)).toEqual(
      expect.arrayContaining(["Account", "Contact", "Lead", "Opportunity", "Invoice__c"]),
    );
    for (const o of objects)
      expect(o).toMatchObject({ primaryKey: "Id", updatedAtField: "SystemModstamp" });
  });

  it.each([
    [
      "Account",
      "Id",
      { type: "id", nativeType: "id", unique: true, createable: false, required: false },
    ],
    ["Account", "Name", { type: "string", length: 255, required: true, nullable: false }],
    ["Account", "Description", { type: "text", nativeType: "textarea" }],
    ["Contact", "Email", { type: "string", nativeType: "email" }],
    ["Account", "Phone", { type: "string", nativeType: "phone" }],
    ["Account", "Website", { type: "string", nativeType: "url" }],
    ["Account", "NumberOfEmployees", { type: "integer", nativeType: "int", precision: 8 }],
    [
      "Account",
      "AnnualRevenue",
      { type: "decimal", nativeType: "currency", precision: 18, scale: 0 },
    ],
    ["Opportunity", "Probability", { type: "number", nativeType: "percent" }],
    ["Opportunity", "CloseDate", { type: "date", required: true }],
    ["Invoice__c", "Paid_At__c", { type: "datetime", required: false }],
    ["Invoice__c", "Is_Disputed__c", { type: "boolean", required: false, nullable: false }],
    [
      "Account",
      "Rating",
      { type: "picklist", picklistValues: ["Hot", "Warm", "Cold"], restrictedPicklist: false },
    ],
    ["Invoice__c", "Status__c", { type: "picklist", restrictedPicklist: true, required: false }],
    ["Opportunity", "StageName", { type: "picklist", restrictedPicklist: true, required: true }],
    ["Contact", "AccountId", { type: "reference", referenceTo: ["Account"] }],
    [
      "Invoice__c",
      "External_Id__c",
      { type: "string", externalId: true, unique: true, length: 64 },
    ],
    ["Invoice__c", "Legacy_Number__c", { externalId: true, unique: false }],
    ["Lead", "IsConverted", { createable: false, updateable: false, required: false }],
    ["Account", "SystemModstamp", { type: "datetime", createable: false, updateable: false }],
  ] as const)("maps %s.%s", async (object, field, expected) => {
    const descriptor = await fx.connector().describeObject(object);
    expect(descriptor.fields.find((f) => f.name === field)).toMatchObject(expected);
  });

  it("names an unknown object", async () => {
    for (const name of ["Nope__c", "Account; DROP"]) {
      const error = await rejection(fx.connector().describeObject(name));
      expect(error).toMatchObject({
        name: "ConnectorError",
        code: "unknown_object",
        transient: false,
      });
    }
  });
});
