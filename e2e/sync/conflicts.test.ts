import type { ConflictPolicy, FlowDefinition } from "@duplex/core";
import { describe, expect, it } from "vitest";
import { createSyncHarness, mapNode } from "./harness";

// Test 3: the same record changes on both sides between two runs; the result follows the policy.
// A changes first with a HIGHER version; B changes later with a LOWER version, so the timestamp
// and version policies disagree and the test can tell them apart.
const schemaA = `CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL, version int NOT NULL DEFAULT 1, updated_at timestamptz NOT NULL);`;
const schemaB = `CREATE TABLE orgs (id serial PRIMARY KEY, name text, version int NOT NULL DEFAULT 1, account_id text UNIQUE, updated_at timestamptz NOT NULL);`;

function mappings(flow: FlowDefinition): FlowDefinition {
  // The source's own revision travels with the record (seed 002: copy the source's timestamp, never "now").
  mapNode(flow).config.mappings = [
    { target: "name", source: "name", transforms: [] },
    { target: "version", source: "version", transforms: [] },
    { target: "updated_at", source: "updated_at", transforms: [] },
  ];
  return flow;
}

describe.each<[ConflictPolicy, string]>([
  ["sor-wins", "changed in A"],
  ["latest-source-timestamp", "changed in B"],
  ["version-number", "changed in A"],
])("conflict policy %s", (policy, winner) => {
  it(`resolves a two-sided change to "${winner}" on both sides`, async () => {
    const h = await createSyncHarness({
      schemaA,
      schemaB,
      captureTables: { a: ["accounts"], b: ["orgs"] },
      sync: {
        name: `accounts-${policy}`,
        mode: { type: "sor", side: "a" },
        conflictPolicy: policy,
        objects: [
          {
            key: "account",
            objectA: "accounts",
            objectB: "orgs",
            externalIdFieldB: "account_id",
            updatedAtFieldA: "updated_at",
            updatedAtFieldB: "updated_at",
            versionFieldA: "version",
            versionFieldB: "version",
            parents: [],
          },
        ],
      },
      editFlow: mappings,
    });
    try {
      await h.a.query(
        "INSERT INTO accounts (name, version, updated_at) VALUES ('original', 1, '2026-01-01T00:00:00Z')",
      );
      await h.converge();
      expect((await h.b.query("SELECT name FROM orgs")).rows).toEqual([{ name: "original" }]);

      await h.a.query(
        "UPDATE accounts SET name = 'changed in A', version = 7, updated_at = '2026-02-01T00:00:00Z'",
      );
      await h.b.query(
        "UPDATE orgs SET name = 'changed in B', version = 5, updated_at = '2026-03-01T00:00:00Z'",
      );
      await h.converge();

      expect((await h.a.query("SELECT name FROM accounts")).rows).toEqual([{ name: winner }]);
      expect((await h.b.query("SELECT name FROM orgs")).rows).toEqual([{ name: winner }]);
    } finally {
      await h.close();
    }
  }, 180_000);
});
