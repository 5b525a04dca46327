import type { Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, rejectionOf, soapLogin, startFixture } from "../testing/fixture";

describe("metadata and limits (jsforce)", () => {
  let fx: Fixture;
  let conn: Connection;
  beforeAll(async () => {
    fx = await startFixture({ dailyLimit: 40 });
    conn = await soapLogin(fx.emu);
  });
  afterAll(() => fx.emu.close());

  it("lists API versions and the resource directory", async () => {
    const versions = await conn.request<{ version: string }[]>("/services/data");
    expect(versions.map((v) => v.version)).toContain("60.0");
    const resources = await conn.request<Record<string, string>>("/services/data/v60.0");
    expect(resources.sobjects).toBe("/services/data/v60.0/sobjects");
    expect((await rejectionOf(conn.request("/services/data/v99.0/sobjects"))).errorCode).toBe(
      "NOT_FOUND",
    );
  });

  it("describeGlobal lists standard and custom objects with key prefixes", async () => {
    const global = await conn.describeGlobal();
    const byName = new Map(global.sobjects.map((s) => [s.name, s]));
    expect(byName.get("Account")).toMatchObject({
      keyPrefix: "001",
      custom: false,
      queryable: true,
    });
    expect(byName.get("Contact")?.keyPrefix).toBe("003");
    expect(byName.get("Lead")?.keyPrefix).toBe("00Q");
    expect(byName.get("Opportunity")?.keyPrefix).toBe("006");
    expect(byName.get("Invoice__c")).toMatchObject({ custom: true, labelPlural: "Invoices" });
  });

  it("describe returns typed fields, picklists, relationships and child relationships", async () => {
    const d = await conn.describe("Opportunity");
    const field = (name: string) => d.fields.find((f) => f.name === name);
    expect(field("Id")).toMatchObject({ type: "id", createable: false, nillable: false });
    expect(field("Amount")).toMatchObject({
      type: "currency",
      precision: 18,
      scale: 2,
      nillable: true,
    });
    expect(field("StageName")).toMatchObject({
      type: "picklist",
      restrictedPicklist: true,
      nillable: false,
    });
    expect(field("StageName")?.picklistValues).toContainEqual(
      expect.objectContaining({ value: "Closed Won", active: true }),
    );
    expect(field("AccountId")).toMatchObject({
      type: "reference",
      referenceTo: ["Account"],
      relationshipName: "Account",
    });
    expect(field("Duplex_Id__c")).toMatchObject({
      externalId: true,
      unique: true,
      custom: true,
      idLookup: true,
    });
    expect(field("SystemModstamp")).toMatchObject({ type: "datetime", updateable: false });
    const account = await conn.describe("Account");
    expect(account.childRelationships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          childSObject: "Contact",
          field: "AccountId",
          relationshipName: "Contacts",
          cascadeDelete: true,
        }),
        expect.objectContaining({
          childSObject: "Invoice__c",
          field: "Account__c",
          cascadeDelete: false,
        }),
      ]),
    );
    const invoice = await conn.sobject("Invoice__c").describe();
    expect(invoice.fields.find((f) => f.name === "External_Id__c")).toMatchObject({
      externalId: true,
      length: 64,
    });
    expect((await conn.sobject("Contact").describe()).keyPrefix).toBe("003");
    expect((await rejectionOf(conn.describe("Nope__c"))).errorCode).toBe("NOT_FOUND");
  });

  it("reports usage in Sforce-Limit-Info, in /limits, and enforces the daily limit", async () => {
    await conn.query("SELECT Id FROM Account");
    const used = conn.limitInfo.apiUsage?.used ?? 0;
    expect(conn.limitInfo.apiUsage?.limit).toBe(40);
    expect(used).toBeGreaterThan(0);
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 40, Remaining: 40 - used - 1 });
    let err: Awaited<ReturnType<typeof rejectionOf>> | undefined;
    for (let i = 0; i < 45 && !err; i++) {
      try {
        await conn.query("SELECT Id FROM Account");
      } catch (e) {
        err = e instanceof Error ? e : undefined;
      }
    }
    expect(err?.errorCode).toBe("REQUEST_LIMIT_EXCEEDED");
    expect(conn.limitInfo.apiUsage).toEqual({ used: 40, limit: 40 });
  });
});
