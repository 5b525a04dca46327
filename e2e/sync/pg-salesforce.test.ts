import type { FlowDefinition } from "@duplex/core";
import { startSalesforceEmulator } from "@duplex/salesforce-emulator";
import { Connection as SalesforceConnection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSyncHarness, mapNode, type SyncHarness } from "./harness";

// The Salesforce issue's end-to-end test: a two-way Postgres ⇄ Salesforce (emulator) sync in SOR
// mode with Salesforce as the system of record. Creates on both sides, the Salesforce Id written
// back into Postgres, updates, deletes, and no ping-pong.
const schemaA = `CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL, phone text, sf_id text UNIQUE, updated_at timestamptz NOT NULL DEFAULT now());`;

function mappings(flow: FlowDefinition): FlowDefinition {
  mapNode(flow).config.mappings =
    flow.direction === "a-to-b"
      ? [
          { target: "Name", source: "name", transforms: [] },
          { target: "Phone", source: "phone", transforms: [] },
        ]
      : [
          { target: "name", source: "Name", transforms: [] },
          { target: "phone", source: "Phone", transforms: [] },
        ];
  return flow;
}

describe("two-way Postgres ⇄ Salesforce sync (Salesforce is the SOR)", () => {
  let h: SyncHarness;
  let emulator: Awaited<ReturnType<typeof startSalesforceEmulator>>;
  let sf: SalesforceConnection;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ port: 0, store: "memory", seed: false });
    sf = new SalesforceConnection({ loginUrl: emulator.url });
    await sf.login(emulator.username, emulator.password);
    h = await createSyncHarness({
      schemaA,
      schemaB: "SELECT 1",
      captureTables: { a: ["accounts"], b: [] },
      systemB: {
        type: "salesforce",
        config: {
          loginUrl: emulator.url,
          auth: { type: "password", username: emulator.username, password: emulator.password },
        },
      },
      sync: {
        name: "pg-salesforce",
        mode: { type: "sor", side: "b" },
        conflictPolicy: "sor-wins",
        objects: [
          {
            key: "account",
            objectA: "accounts",
            objectB: "Account",
            externalIdFieldA: "sf_id",
            parents: [],
          },
        ],
      },
      editFlow: mappings,
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await emulator?.close();
  });

  async function sfAccounts(): Promise<Array<{ Id: string; Name: string; Phone: string | null }>> {
    const result = await sf.query<{ Id: string; Name: string; Phone: string | null }>(
      "SELECT Id, Name, Phone FROM Account ORDER BY Name",
    );
    return result.records.map((r) => ({ Id: r.Id, Name: r.Name, Phone: r.Phone }));
  }

  it("creates on both sides and writes the Salesforce Id back into Postgres", async () => {
    await h.a.query("INSERT INTO accounts (name, phone) VALUES ('Acme Corp', '+1 555 0100')");
    const created = await sf.sobject("Account").create({ Name: "Globex", Phone: "+1 555 0199" });
    expect(created.success).toBe(true);
    await h.converge();

    const accounts = await sfAccounts();
    expect(accounts.map((a) => a.Name)).toEqual(["Acme Corp", "Globex"]);
    const rows = await h.a.query("SELECT name, phone, sf_id FROM accounts ORDER BY name");
    expect(rows.rows).toEqual([
      { name: "Acme Corp", phone: "+1 555 0100", sf_id: accounts[0]?.Id },
      { name: "Globex", phone: "+1 555 0199", sf_id: accounts[1]?.Id },
    ]);
  }, 120_000);

  it("propagates updates both ways, then deletes both ways", async () => {
    await h.a.query(
      "UPDATE accounts SET phone = '+1 555 0111', updated_at = now() WHERE name = 'Acme Corp'",
    );
    const globex = (await sfAccounts()).find((a) => a.Name === "Globex");
    await sf.sobject("Account").update({ Id: globex?.Id ?? "", Name: "Globex Corporation" });
    await h.converge();
    expect((await sfAccounts()).map((a) => [a.Name, a.Phone])).toEqual([
      ["Acme Corp", "+1 555 0111"],
      ["Globex Corporation", "+1 555 0199"],
    ]);
    expect(
      (await h.a.query("SELECT name FROM accounts ORDER BY name")).rows.map((r) => r.name),
    ).toEqual(["Acme Corp", "Globex Corporation"]);

    await sf.sobject("Account").destroy(globex?.Id ?? "");
    await h.a.query("DELETE FROM accounts WHERE name = 'Acme Corp'");
    await h.converge();
    expect(await sfAccounts()).toEqual([]);
    expect((await h.a.query("SELECT count(*)::int AS n FROM accounts")).rows[0].n).toBe(0);
  }, 120_000);

  it("does not ping-pong once converged", async () => {
    await h.a.query("INSERT INTO accounts (name) VALUES ('Initech')");
    await h.converge();
    const runs = [
      ...(await h.runOnce("a-to-b")),
      ...(await h.runOnce("b-to-a")),
      ...(await h.runOnce("a-to-b")),
    ];
    for (const run of runs)
      expect(
        (run.counts.created ?? 0) + (run.counts.updated ?? 0) + (run.counts.deleted ?? 0),
      ).toBe(0);
    expect((await sfAccounts()).map((a) => a.Name)).toEqual(["Initech"]);
  }, 120_000);
});
