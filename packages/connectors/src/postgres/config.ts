import { z } from "zod";

/** Slot and publication names end up in replication-protocol commands, so only plain names pass. */
const replicationNameSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, "lowercase letters, digits and underscores, at most 63");

const changeModeSchema = z.enum(["timestamp", "changeTable"]);
export type PostgresChangeMode = z.infer<typeof changeModeSchema>;

const sharedSettings = {
  /** The schema whose tables are the connector's objects. */
  schema: z.string().min(1).default("public"),
  poolSize: z.number().int().min(1).max(100).default(5),
  statementTimeoutMs: z.number().int().min(0).default(30_000),
  connectTimeoutMs: z.number().int().min(0).default(10_000),
  /**
   * How `readChanges` finds changes: polling the updated-at column (`timestamp`, needs no setup) or
   * reading the Duplex change table filled by triggers (`changeTable`, also sees deletes).
   */
  readChangesMode: changeModeSchema.default("timestamp"),
  /** Per-object override of `readChangesMode`, keyed by table name. */
  objectReadChangesMode: z.record(z.string(), changeModeSchema).default({}),
  /** How `subscribe` streams: the trigger change table (works everywhere) or logical replication. */
  streamMode: z.enum(["trigger", "logical"]).default("trigger"),
  slotName: replicationNameSchema.default("duplex_slot"),
  publicationName: replicationNameSchema.default("duplex_pub"),
  /** Fallback poll interval of the trigger stream, for notifications lost while reconnecting. */
  streamPollIntervalMs: z.number().int().min(50).default(5_000),
};

const sslSchema = z
  .union([
    z.boolean(),
    z.object({
      rejectUnauthorized: z.boolean().default(true),
      ca: z.string().optional(),
    }),
  ])
  .optional();

/**
 * Settings of one Postgres connection: either a connection string or discrete fields. Shared by the
 * API (validation) and the editor forms (rendering), so keep descriptions on the fields.
 */
export const postgresConnectionConfigSchema = z.union([
  z.object({
    connectionString: z.string().min(1),
    ssl: sslSchema,
    ...sharedSettings,
  }),
  z.object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535).default(5432),
    database: z.string().min(1),
    user: z.string().min(1),
    password: z.string().optional(),
    ssl: sslSchema,
    ...sharedSettings,
  }),
]);
export type PostgresConnectionConfig = z.infer<typeof postgresConnectionConfigSchema>;
export type PostgresConnectionConfigInput = z.input<typeof postgresConnectionConfigSchema>;

/** Where the connection goes, for error messages ("cannot reach db.example.com:5432"). */
export function describeTarget(config: PostgresConnectionConfig): { host: string; port: number } {
  if ("host" in config) return { host: config.host, port: config.port };
  try {
    const url = new URL(config.connectionString);
    return { host: url.hostname || "localhost", port: Number(url.port || 5432) };
  } catch {
    return { host: "the configured host", port: 5432 };
  }
}

export function changeModeFor(
  config: PostgresConnectionConfig,
  object: string,
): PostgresChangeMode {
  return config.objectReadChangesMode[object] ?? config.readChangesMode;
}
