export { CHANGES_CHANNEL } from "./change-capture";
export {
  changeModeFor,
  type PostgresChangeMode,
  type PostgresConnectionConfig,
  type PostgresConnectionConfigInput,
  postgresConnectionConfigSchema,
} from "./config";
export { clientConfigFor, createPostgresConnector, type PostgresConnector } from "./connector";
export type { LogicalReplicationSetup } from "./logical-replication";
export { quoteIdent } from "./sql";
