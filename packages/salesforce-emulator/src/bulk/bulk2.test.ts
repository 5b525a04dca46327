import type { Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, rejectionOf, soapLogin, startFixture } from "../testing/fixture";

describe("Bulk API 2.0 (jsforce conn.bulk2)", () => {
  let fx: Fixture;
  let conn: Connection;
  beforeAll(async () => {
    fx = await startFixture();
    conn = await soapLogin(fx.emu);
    conn.bulk2.pollInterval = 50;
    conn.bulk2.pollTimeout = 60_000;
  });
  afterAll(() => fx.emu.close());

  it("ingests 10,000 rows with successful and failed results", async () => {
    const input = Array.from({ length: 10_000 }, (_, i) => ({
      LastName: i % 1000 === 999 ? "" : `Bulk ${i}`,
      Email: `bulk${i}@example.com`,
      Duplex_Id__c: `c-${i}`,
    }));
    const started = Date.now();
    const res = await conn.bulk2.loadAndWaitForResults({
      object: "Contact",
      operation: "insert",
      input,
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(res.successfulResults).toHaveLength(9990);
    expect(res.failedResults).toHaveLength(10);
    expect(res.successfulResults[0]).toMatchObject({
      sf__Created: "true",
      sf__Id: expect.stringMatching(/^003/),
      LastName: "Bulk 0",
      Duplex_Id__c: "c-0",
    });
    expect(res.failedResults[0]).toMatchObject({
      sf__Id: "",
      sf__Error: "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --",
      Duplex_Id__c: "c-999",
    });
    expect(await conn.sobject("Contact").count()).toBe(9990);
    const list = await conn.request<{
      records: { numberRecordsProcessed: number; numberRecordsFailed: number; state: string }[];
    }>("/jobs/ingest");
    expect(list.records.at(-1)).toMatchObject({
      state: "JobComplete",
      numberRecordsProcessed: 10_000,
      numberRecordsFailed: 10,
    });
  });

  it("upserts by external ID, updates and deletes through ingest jobs", async () => {
    const upsert = await conn.bulk2.loadAndWaitForResults({
      object: "Contact",
      operation: "upsert",
      externalIdFieldName: "Duplex_Id__c",
      input: [
        { Duplex_Id__c: "c-1", LastName: "Renamed" },
        { Duplex_Id__c: "new-1", LastName: "Fresh" },
      ],
    });
    expect(upsert.successfulResults.map((r) => r.sf__Created)).toEqual(["false", "true"]);
    const renamedId = upsert.successfulResults[0]?.sf__Id ?? "";
    const update = await conn.bulk2.loadAndWaitForResults({
      object: "Contact",
      operation: "update",
      input: [
        { Id: renamedId, Title: "CTO" },
        { Id: "003000000000000AAA", Title: "ghost" },
      ],
    });
    expect(update.successfulResults).toHaveLength(1);
    expect(update.failedResults[0]?.sf__Error).toMatch(/^INVALID_CROSS_REFERENCE_KEY/);
    expect((await conn.sobject("Contact").retrieve(renamedId)).Title).toBe("CTO");
    const del = await conn.bulk2.loadAndWaitForResults({
      object: "Contact",
      operation: "delete",
      input: [{ Id: renamedId }],
    });
    expect(del.successfulResults).toHaveLength(1);
    const gone = await conn.query(`SELECT IsDeleted FROM Contact WHERE Id = '${renamedId}'`, {
      scanAll: true,
    });
    expect(gone.records[0]).toMatchObject({ IsDeleted: true });
  });

  it("handles #N/A as null and parent external-ID columns", async () => {
    await conn.sobject("Account").create({ Name: "Bulk Parent", Duplex_Id__c: "bp-1" });
    const res = await conn.bulk2.loadAndWaitForResults({
      object: "Contact",
      operation: "insert",
      input: "LastName,Title,Account.Duplex_Id__c\nChild,#N/A,bp-1\n",
    });
    const id = res.successfulResults[0]?.sf__Id ?? "";
    const row = await conn.query(`SELECT Title, Account.Name FROM Contact WHERE Id = '${id}'`);
    expect(row.records[0]).toMatchObject({ Title: null, Account: { Name: "Bulk Parent" } });
  });

  it("fails a job whose CSV names an unknown column", async () => {
    const err = await rejectionOf(
      conn.bulk2.loadAndWaitForResults({
        object: "Contact",
        operation: "insert",
        input: "LastName,Nope__c\nx,y\n",
      }),
    );
    expect(err.message).toContain("Field name not found : Nope__c");
  });

  it("reports job state transitions and aborts", async () => {
    const job = conn.bulk2.createJob({ object: "Lead", operation: "insert" });
    const opened = await job.open();
    expect(opened).toMatchObject({
      state: "Open",
      object: "Lead",
      operation: "insert",
      contentType: "CSV",
    });
    await job.abort();
    expect((await job.check()).state).toBe("Aborted");
    await job.delete();
    expect((await rejectionOf(job.check())).errorCode).toBe("NOT_FOUND");
  });

  it("runs query jobs and serves CSV results with locators", async () => {
    const records = await (
      await conn.bulk2.query(
        "SELECT Id, LastName, Account.Name FROM Contact WHERE LastName LIKE 'Bulk 1%' ORDER BY LastName",
      )
    ).toArray();
    // 1, 10-19, 100-199, 1000-1999 minus "Bulk 1999" (failed) and "Bulk 1" (renamed, deleted).
    expect(records.length).toBe(1109);
    expect(records[0]).toMatchObject({ LastName: "Bulk 10", "Account.Name": "" });
    const job = await conn.request<{ id: string }>({
      method: "POST",
      url: "/jobs/query",
      body: JSON.stringify({
        operation: "query",
        query: "SELECT LastName FROM Contact ORDER BY LastName",
      }),
      headers: { "content-type": "application/json" },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const page = await fetch(
      `${fx.emu.url}/services/data/v60.0/jobs/query/${job.id}/results?maxRecords=3000`,
      {
        headers: { Authorization: `Bearer ${conn.accessToken}` },
      },
    );
    expect(page.headers.get("sforce-numberofrecords")).toBe("3000");
    const locator = page.headers.get("sforce-locator") ?? "";
    expect(locator).not.toBe("null");
    expect((await page.text()).split("\n")[0]).toBe('"LastName"');
    const last = await fetch(
      `${fx.emu.url}/services/data/v60.0/jobs/query/${job.id}/results?locator=${locator}&maxRecords=100000`,
      {
        headers: { Authorization: `Bearer ${conn.accessToken}` },
      },
    );
    expect(last.headers.get("sforce-locator")).toBe("null");
    expect(Number(last.headers.get("sforce-numberofrecords"))).toBeGreaterThan(6000);
    const bad = await rejectionOf(conn.bulk2.query("SELECT Nope FROM Contact"));
    expect(bad.errorCode).toBe("INVALID_FIELD");
  });
});
