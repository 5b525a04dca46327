import type { Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, rejectionOf, soapLogin, startFixture } from "../testing/fixture";

describe("SOQL over /query (jsforce)", () => {
  let fx: Fixture;
  let conn: Connection;
  let acmeId = "";
  beforeAll(async () => {
    fx = await startFixture();
    conn = await soapLogin(fx.emu);
    acmeId =
      (
        await conn
          .sobject("Account")
          .create({ Name: "Acme", Industry: "Energy", AnnualRevenue: 500 })
      ).id ?? "";
    const globexId =
      (
        await conn
          .sobject("Account")
          .create({ Name: "globex", Industry: "Retail", AnnualRevenue: 100 })
      ).id ?? "";
    await conn.sobject("Account").create({ Name: "Initech" });
    await conn
      .sobject("Contact")
      .create([
        { LastName: "Alpha", AccountId: acmeId, Email: "a@acme.com", Birthdate: "1990-05-01" },
        { LastName: "Beta", AccountId: acmeId, Email: "b@acme.com" },
        { LastName: "Gamma", AccountId: globexId, Email: "g@globex.com", Birthdate: "1985-01-01" },
        { LastName: "Delta" },
      ]);
  });
  afterAll(() => fx.emu.close());

  const names = async (soql: string) =>
    (await conn.query<{ Name: string }>(soql)).records.map((r) => r.Name);
  const lastNames = async (soql: string) =>
    (await conn.query<{ LastName: string }>(soql)).records.map((r) => r.LastName);

  it.each<[string, string[]]>([
    ["SELECT Name FROM Account ORDER BY Name", ["Acme", "globex", "Initech"]],
    ["SELECT Name FROM Account ORDER BY Name DESC", ["Initech", "globex", "Acme"]],
    ["SELECT Name FROM Account WHERE Name = 'ACME'", ["Acme"]],
    ["SELECT Name FROM Account WHERE Name != 'Acme' ORDER BY Name", ["globex", "Initech"]],
    ["SELECT Name FROM Account WHERE Industry = null", ["Initech"]],
    ["SELECT Name FROM Account WHERE Industry != null ORDER BY Name", ["Acme", "globex"]],
    ["SELECT Name FROM Account WHERE Industry != 'Energy' ORDER BY Name", ["globex", "Initech"]],
    ["SELECT Name FROM Account WHERE AnnualRevenue > 100", ["Acme"]],
    [
      "SELECT Name FROM Account WHERE AnnualRevenue >= 100 ORDER BY AnnualRevenue",
      ["globex", "Acme"],
    ],
    ["SELECT Name FROM Account WHERE AnnualRevenue < 500", ["globex"]],
    ["SELECT Name FROM Account ORDER BY AnnualRevenue NULLS LAST", ["globex", "Acme", "Initech"]],
    [
      "SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS FIRST",
      ["Initech", "Acme", "globex"],
    ],
    ["SELECT Name FROM Account WHERE Name LIKE 'a%'", ["Acme"]],
    ["SELECT Name FROM Account WHERE Name LIKE '_lobex'", ["globex"]],
    [
      "SELECT Name FROM Account WHERE Industry IN ('Energy', 'Retail') ORDER BY Name",
      ["Acme", "globex"],
    ],
    [
      "SELECT Name FROM Account WHERE Industry NOT IN ('Energy') ORDER BY Name",
      ["globex", "Initech"],
    ],
    ["SELECT Name FROM Account WHERE NOT Name = 'Acme' ORDER BY Name", ["globex", "Initech"]],
    [
      "SELECT Name FROM Account WHERE (Industry = 'Energy' OR Industry = 'Retail') AND AnnualRevenue > 200",
      ["Acme"],
    ],
    [
      "SELECT Name FROM Account WHERE Industry = 'Retail' OR (Name = 'Acme' AND AnnualRevenue = 500) ORDER BY Name",
      ["Acme", "globex"],
    ],
    ["SELECT Name FROM Account ORDER BY Name LIMIT 2", ["Acme", "globex"]],
    ["SELECT Name FROM Account ORDER BY Name LIMIT 1 OFFSET 1", ["globex"]],
    [
      "SELECT Name FROM Account WHERE CreatedDate = TODAY ORDER BY Name",
      ["Acme", "globex", "Initech"],
    ],
    [
      "SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:3 ORDER BY Name",
      ["Acme", "globex", "Initech"],
    ],
    ["SELECT Name FROM Account WHERE CreatedDate < YESTERDAY", []],
    [
      "SELECT Name FROM Account WHERE CreatedDate > 2020-01-01T00:00:00Z ORDER BY Name LIMIT 1",
      ["Acme"],
    ],
    ["select name from account where name = 'Acme'", ["Acme"]],
  ])("%s", async (soql, expected) => {
    expect(await names(soql)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    [
      "SELECT LastName FROM Contact WHERE Account.Name = 'Acme' ORDER BY LastName",
      ["Alpha", "Beta"],
    ],
    ["SELECT LastName FROM Contact WHERE Account.Industry = 'Retail'", ["Gamma"]],
    ["SELECT LastName FROM Contact WHERE AccountId = null", ["Delta"]],
    [
      "SELECT LastName FROM Contact ORDER BY Account.Name NULLS LAST, LastName",
      ["Alpha", "Beta", "Gamma", "Delta"],
    ],
    ["SELECT LastName FROM Contact WHERE Birthdate < 1989-01-01", ["Gamma"]],
    [
      "SELECT LastName FROM Contact WHERE Email LIKE '%@acme.com' ORDER BY LastName DESC",
      ["Beta", "Alpha"],
    ],
  ])("%s", async (soql, expected) => {
    expect(await lastNames(soql)).toEqual(expected);
  });

  it("returns records with attributes and nested parent relationship objects", async () => {
    const res = await conn.query(
      "SELECT Id, LastName, Account.Name, Account.Industry FROM Contact WHERE LastName IN ('Alpha', 'Delta') ORDER BY LastName",
    );
    expect(res).toMatchObject({ totalSize: 2, done: true });
    expect(res.records[0]).toEqual({
      attributes: {
        type: "Contact",
        url: expect.stringMatching(/^\/services\/data\/v60\.0\/sobjects\/Contact\/003/),
      },
      Id: expect.any(String),
      LastName: "Alpha",
      Account: {
        attributes: { type: "Account", url: `/services/data/v60.0/sobjects/Account/${acmeId}` },
        Name: "Acme",
        Industry: "Energy",
      },
    });
    expect(res.records[1]).toMatchObject({ LastName: "Delta", Account: null });
    const users = await conn.query("SELECT CreatedBy.Name FROM Account LIMIT 1");
    expect(users.records[0]).toMatchObject({ CreatedBy: { Name: "Duplex Admin" } });
  });

  it("matches 15-character IDs against 18-character ones", async () => {
    expect(await names(`SELECT Name FROM Account WHERE Id = '${acmeId.slice(0, 15)}'`)).toEqual([
      "Acme",
    ]);
  });

  it("counts with SELECT COUNT()", async () => {
    const res = await conn.query("SELECT COUNT() FROM Contact WHERE Account.Name = 'Acme'");
    expect(res).toMatchObject({ totalSize: 2, done: true, records: [] });
    expect(await conn.sobject("Contact").count({ LastName: "Delta" })).toBe(1);
  });

  it("pages through nextRecordsUrl with autoFetch and queryMore", async () => {
    await conn.sobject("Lead").create(
      Array.from({ length: 200 }, (_, i) => ({
        LastName: `L${String(i).padStart(3, "0")}`,
        Company: "Paging",
      })),
      { allowRecursive: true },
    );
    await conn.sobject("Lead").create(
      Array.from({ length: 250 }, (_, i) => ({
        LastName: `M${String(i).padStart(3, "0")}`,
        Company: "Paging",
      })),
      { allowRecursive: true },
    );
    const headers = { "Sforce-Query-Options": "batchSize=200" };
    const first = await conn.query("SELECT Id, LastName FROM Lead ORDER BY LastName", {
      headers,
      autoFetch: false,
    });
    expect(first).toMatchObject({ totalSize: 450, done: false });
    expect(first.records).toHaveLength(200);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v60\.0\/query\/01g[a-zA-Z0-9]+-200$/);
    const second = await conn.queryMore(first.nextRecordsUrl ?? "");
    expect(second.records).toHaveLength(200);
    expect(second.records[0]?.LastName).toBe("M000");
    const all: string[] = [];
    await new Promise<void>((resolve, reject) => {
      conn
        .query("SELECT LastName FROM Lead ORDER BY LastName")
        .on("record", (r: { LastName: string }) => all.push(r.LastName))
        .on("end", () => resolve())
        .on("error", reject)
        .run({ autoFetch: true, maxFetch: 10_000, headers });
    });
    expect(all).toHaveLength(450);
    expect(all.at(-1)).toBe("M249");
    expect(
      (await rejectionOf(conn.queryMore("/services/data/v60.0/query/01gbogus-200"))).errorCode,
    ).toBe("INVALID_QUERY_LOCATOR");
  });

  it.each<[string, string]>([
    ["SELECT Id FROM Account WHERE", "MALFORMED_QUERY"],
    ["SELECT Id, (SELECT Id FROM Contacts) FROM Account", "MALFORMED_QUERY"],
    ["SELECT Id FROM Account GROUP BY Name", "MALFORMED_QUERY"],
    ["SELECT Id, Id FROM Account", "MALFORMED_QUERY"],
    ["SELECT Bogus FROM Account", "INVALID_FIELD"],
    ["SELECT Owner.Name FROM Account", "INVALID_FIELD"],
    ["SELECT Id FROM Nope__c", "INVALID_TYPE"],
    ["SELECT Id FROM Account WHERE Name = 5", "INVALID_QUERY_FILTER_OPERATOR"],
    ["SELECT Id FROM Account WHERE AnnualRevenue = 'x'", "INVALID_QUERY_FILTER_OPERATOR"],
    ["SELECT Id FROM Account WHERE CreatedDate > 2024-01-01", "INVALID_QUERY_FILTER_OPERATOR"],
    ["SELECT Id FROM Account WHERE Id = 'nope'", "INVALID_QUERY_FILTER_OPERATOR"],
    ["SELECT Id FROM Account WHERE CreatedDate = NEXT_DECADE", "MALFORMED_QUERY"],
  ])("%s fails with %s", async (soql, errorCode) => {
    const err = await rejectionOf(conn.query(soql));
    expect(err.errorCode).toBe(errorCode);
  });
});
