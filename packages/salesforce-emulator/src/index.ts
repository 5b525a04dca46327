export {
  ADMIN_USER_ID,
  defaultCredentials,
  ORG_ID,
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
  startSalesforceEmulator,
} from "./emulator";
export { checksumSuffix, isWellFormedId, normalizeId } from "./ids/salesforce-id";
export { parseSoql } from "./soql/parser";
export { MemoryRecordStore } from "./store/memory-store";
export { PostgresRecordStore } from "./store/postgres-store";
export type { FieldValue, RecordStore, StoredRecord } from "./store/record-store";
