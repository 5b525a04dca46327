import type { FlowDefinition, Transform } from "@duplex/core";
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

// Customers in A (the system of record) and contacts in B, linked by contacts.customer_id.
export const customersSchemaA =
  "CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text, updated_at timestamptz NOT NULL DEFAULT now());";
export const contactsSchemaB =
  "CREATE TABLE contacts (id serial PRIMARY KEY, full_name text, email text, customer_id text UNIQUE, updated_at timestamptz NOT NULL DEFAULT now());";

/** name ⇄ full_name and email ⇄ email, with optional transforms on the email. */
export function mapCustomerFields(
  flow: FlowDefinition,
  emailTransforms: Transform[] = [],
): FlowDefinition {
  const toB = flow.direction === "a-to-b";
  mapNode(flow).config.mappings = [
    { target: toB ? "full_name" : "name", source: toB ? "name" : "full_name", transforms: [] },
    { target: "email", source: "email", transforms: emailTransforms },
  ];
  return flow;
}

export function customersToContacts(
  name: string,
  editFlow: (flow: FlowDefinition) => FlowDefinition = (flow) => mapCustomerFields(flow),
  extra: Partial<HarnessOptions> = {},
): HarnessOptions {
  return {
    schemaA: customersSchemaA,
    schemaB: contactsSchemaB,
    captureTables: { a: ["customers"], b: ["contacts"] },
    sync: {
      name,
      mode: { type: "sor", side: "a" },
      conflictPolicy: "sor-wins",
      objects: [
        {
          key: "customer",
          objectA: "customers",
          objectB: "contacts",
          externalIdFieldB: "customer_id",
          parents: [],
        },
      ],
    },
    editFlow: (flow) => editFlow(flow),
    ...extra,
  };
}
