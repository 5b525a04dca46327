import type { FlowDefinition } from "@duplex/core";
import { listOutcomes } from "@duplex/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSyncHarness, mapNode, type SyncHarness } from "./harness";

// Test 2: External ID mode. Both sides carry a shared ID; a record without one waits until it has one.
const schemaA = `CREATE TABLE people (id serial PRIMARY KEY, name text NOT NULL, ext_id text UNIQUE, updated_at timestamptz NOT NULL DEFAULT now());`;
const schemaB = `CREATE TABLE members (id serial PRIMARY KEY, display_name text, ext_ref text UNIQUE, updated_at timestamptz NOT NULL DEFAULT now());`;

function mappings(flow: FlowDefinition): FlowDefinition {
  mapNode(flow).config.mappings =
    flow.direction === "a-to-b"
      ? [
          {
            target: "display_name",
            source: "name",
            transforms: [{ type: "trim", collapseWhitespace: false }],
          },
        ]
      : [
          {
            target: "name",
            source: "display_name",
            transforms: [{ type: "trim", collapseWhitespace: false }],
          },
        ];
  return flow;
}

describe("two-way sync in External ID mode", () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await createSyncHarness({
      schemaA,
      schemaB,
      captureTables: { a: ["people"], b: ["members"] },
      sync: {
        name: "people",
        mode: { type: "external-id" },
        conflictPolicy: "latest-source-timestamp",
        objects: [
          {
            key: "person",
            objectA: "people",
            objectB: "members",
            externalIdFieldA: "ext_id",
            externalIdFieldB: "ext_ref",
            updatedAtFieldA: "updated_at",
            updatedAtFieldB: "updated_at",
            parents: [],
          },
        ],
      },
      editFlow: mappings,
    });
  }, 120_000);
  afterAll(async () => h?.close());

  it("syncs records with an external ID both ways and skips one without until it gains one", async () => {
    await h.a.query(
      "INSERT INTO people (name, ext_id) VALUES ('Katherine Johnson', 'P-1'), ('No Id Yet', NULL)",
    );
    await h.b.query(
      "INSERT INTO members (display_name, ext_ref) VALUES ('Dorothy Vaughan', 'P-2')",
    );
    const runs = await h.converge();

    expect(
      (await h.b.query("SELECT display_name, ext_ref FROM members ORDER BY ext_ref")).rows,
    ).toEqual([
      { display_name: "Katherine Johnson", ext_ref: "P-1" },
      { display_name: "Dorothy Vaughan", ext_ref: "P-2" },
    ]);
    expect((await h.a.query("SELECT name, ext_id FROM people ORDER BY name")).rows).toEqual([
      { name: "Dorothy Vaughan", ext_id: "P-2" },
      { name: "Katherine Johnson", ext_id: "P-1" },
      { name: "No Id Yet", ext_id: null },
    ]);
    const outcomes = (
      await Promise.all(runs.map((r) => listOutcomes(h.duplex.db, r.runId)))
    ).flat();
    expect(outcomes.some((o) => o.outcome === "skipped-no-external-id")).toBe(true);

    // The record gains its external ID late: now it syncs.
    await h.a.query(
      "UPDATE people SET ext_id = 'P-3', updated_at = now() WHERE name = 'No Id Yet'",
    );
    await h.converge();
    expect(
      (await h.b.query("SELECT display_name FROM members WHERE ext_ref = 'P-3'")).rows,
    ).toEqual([{ display_name: "No Id Yet" }]);
    expect((await h.b.query("SELECT count(*)::int AS n FROM members")).rows[0].n).toBe(3);
  }, 180_000);
});
