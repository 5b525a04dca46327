import { type SyncDefinition, syncDefinitionSchema } from "../definitions/sync-definition";

/** Syncs used across the sync tests: accounts with contacts as children. */
export function makeSync(overrides: Record<string, unknown> = {}): SyncDefinition {
  return syncDefinitionSchema.parse({
    schemaVersion: 1,
    name: "CRM <-> ERP",
    connectionA: "salesforce",
    connectionB: "erp",
    mode: { type: "sor", side: "a" },
    conflictPolicy: "sor-wins",
    objects: [
      {
        key: "account",
        objectA: "Account",
        objectB: "customers",
        keyFieldA: "Id",
        keyFieldB: "id",
        externalIdFieldA: "Erp_Id__c",
        externalIdFieldB: "sf_id",
      },
      {
        key: "contact",
        objectA: "Contact",
        objectB: "contacts",
        keyFieldA: "Id",
        keyFieldB: "id",
        externalIdFieldA: "Erp_Id__c",
        externalIdFieldB: "sf_id",
        parents: [{ object: "account", fieldA: "AccountId", fieldB: "customer_id" }],
      },
    ],
    ...overrides,
  });
}
