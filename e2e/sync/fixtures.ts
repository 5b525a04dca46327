import type { FlowDefinition } from "@duplex/core";
import { type HarnessOptions, mapNode } from "./harness";

// The smallest useful sync, shared by tests about the machinery rather than the mapping:
// items(name) in A is the system of record for things(label, item_id) in B.
export const itemsSchemaA = "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL);";
export const thingsSchemaB =
  "CREATE TABLE things (id serial PRIMARY KEY, label text, item_id text UNIQUE);";

/** name → label (A to B) and label → name (B to A). */
export function mapNameToLabel(flow: FlowDefinition): FlowDefinition {
  const toB = flow.direction === "a-to-b";
  mapNode(flow).config.mappings = [
    { target: toB ? "label" : "name", source: toB ? "name" : "label", transforms: [] },
  ];
  return flow;
}

export function itemsToThings(
  name: string,
  editFlow: (flow: FlowDefinition) => FlowDefinition = mapNameToLabel,
  extra: Partial<HarnessOptions> = {},
): HarnessOptions {
  return {
    schemaA: itemsSchemaA,
    schemaB: thingsSchemaB,
    captureTables: { a: ["items"], b: ["things"] },
    sync: {
      name,
      mode: { type: "sor", side: "a" },
      conflictPolicy: "sor-wins",
      objects: [
        {
          key: "item",
          objectA: "items",
          objectB: "things",
          externalIdFieldB: "item_id",
          parents: [],
        },
      ],
    },
    editFlow: (flow) => editFlow(flow),
    ...extra,
  };
}
