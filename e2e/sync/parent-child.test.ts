import type { FlowDefinition } from "@duplex/core";
import { listOutcomes } from "@duplex/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSyncHarness, mapNode, type SyncHarness } from "./harness";

// Test 4: children arrive before their parents. They are deferred, then linked correctly once the
// parent is synced; the target's NOT NULL foreign key means an orphan write would fail loudly.
const schemaA = `
  CREATE TABLE companies (id serial PRIMARY KEY, name text NOT NULL);
  CREATE TABLE employees (id serial PRIMARY KEY, name text NOT NULL, company_id int NOT NULL REFERENCES companies(id));`;
const schemaB = `
  CREATE TABLE orgs (id serial PRIMARY KEY, name text, company_ref text UNIQUE);
  CREATE TABLE staff (id serial PRIMARY KEY, name text, org_id int NOT NULL REFERENCES orgs(id), employee_ref text UNIQUE);`;

function mappings(flow: FlowDefinition, objectKey: string): FlowDefinition {
  const map = mapNode(flow);
  if (flow.direction === "b-to-a") {
    map.config.mappings = [{ target: "name", source: "name", transforms: [] }];
    if (objectKey === "employee")
      map.config.mappings.push({
        target: "company_id",
        source: "org_id",
        transforms: [{ type: "reference", object: "company" }],
      });
    return flow;
  }
  map.config.mappings = [{ target: "name", source: "name", transforms: [] }];
  if (objectKey === "employee")
    map.config.mappings.push({
      target: "org_id",
      source: "company_id",
      transforms: [{ type: "reference", object: "company" }],
    });
  return flow;
}

describe("parent and child objects", () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await createSyncHarness({
      schemaA,
      schemaB,
      captureTables: { a: ["companies", "employees"], b: ["orgs", "staff"] },
      sync: {
        name: "org-chart",
        mode: { type: "sor", side: "a" },
        conflictPolicy: "sor-wins",
        objects: [
          {
            key: "company",
            objectA: "companies",
            objectB: "orgs",
            externalIdFieldB: "company_ref",
            parents: [],
          },
          {
            key: "employee",
            objectA: "employees",
            objectB: "staff",
            externalIdFieldB: "employee_ref",
            parents: [{ object: "company", fieldA: "company_id", fieldB: "org_id" }],
          },
        ],
      },
      editFlow: mappings,
    });
  }, 120_000);
  afterAll(async () => h?.close());

  it("defers a child whose parent is not linked yet, then links it to the right parent", async () => {
    await h.a.query("INSERT INTO companies (name) VALUES ('Initech'), ('Globex')");
    await h.a.query(
      "INSERT INTO employees (name, company_id) VALUES ('Peter', 1), ('Hank', 2), ('Milton', 1)",
    );

    // The child flow runs first: every employee is deferred, nothing is written.
    const childFirst = await h.runOnce("a-to-b", "employee");
    const outcomes = (
      await Promise.all(childFirst.map((r) => listOutcomes(h.duplex.db, r.runId)))
    ).flat();
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["deferred", "deferred", "deferred"]);
    expect((await h.b.query("SELECT count(*)::int AS n FROM staff")).rows[0].n).toBe(0);

    // Parents sync, then the deferred children are retried and land with the right parent.
    await h.runOnce("a-to-b", "company");
    await h.runOnce("a-to-b", "employee");
    const staff = await h.b.query(`
      SELECT s.name, o.name AS org FROM staff s JOIN orgs o ON o.id = s.org_id ORDER BY s.name`);
    expect(staff.rows).toEqual([
      { name: "Hank", org: "Globex" },
      { name: "Milton", org: "Initech" },
      { name: "Peter", org: "Initech" },
    ]);
    expect(
      (await h.duplex.pool.query("SELECT count(*)::int AS n FROM deferred_changes")).rows[0].n,
    ).toBe(0);

    // And the sync as a whole converges with nothing bouncing back.
    await h.converge();
    expect((await h.a.query("SELECT count(*)::int AS n FROM employees")).rows[0].n).toBe(3);
    expect((await h.a.query("SELECT count(*)::int AS n FROM companies")).rows[0].n).toBe(2);
  }, 180_000);
});
