import type { ObjectDescriptor } from "@duplex/core";
import pg from "pg";
import type {
  ChangePage,
  Connector,
  ReadChangesOptions,
  SubscribeOptions,
  Subscription,
} from "../types";
import { ConnectorError } from "../types";
import { installChangeCapture, removeChangeCapture } from "./change-capture";
import { readChangeFeed } from "./change-feed";
import { streamChangeTable } from "./change-table-stream";
import {
  changeModeFor,
  type PostgresConnectionConfig,
  type PostgresConnectionConfigInput,
  postgresConnectionConfigSchema,
} from "./config";
import { connectionError } from "./connection-errors";
import { insertRows } from "./insert";
import { introspect, introspectObject } from "./introspect";
import {
  type LogicalReplicationSetup,
  setupLogicalReplication,
  streamLogicalReplication,
  teardownLogicalReplication,
} from "./logical-replication";
import { readAll, readByKeys, readChangesByTimestamp } from "./read";
import { duplexTypes } from "./values";
import { deleteRows, upsertRows } from "./write";

/** Describes are cached briefly: every write needs one, and schemas rarely change mid-run. */
const DESCRIBE_TTL_MS = 30_000;

export interface PostgresConnector extends Connector {
  readonly kind: "postgres";
  readonly config: PostgresConnectionConfig;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Trigger-based capture into `duplex_cdc.changes`; idempotent. */
  installChangeCapture(objects: string[]): Promise<void>;
  /** Drops the triggers of `objects`, and the duplex_cdc schema once nothing is captured. */
  removeChangeCapture(objects: string[]): Promise<void>;
  /** Publication + pgoutput slot for `streamMode: "logical"`; needs wal_level=logical. */
  setupLogicalReplication(objects: string[]): Promise<LogicalReplicationSetup>;
  teardownLogicalReplication(): Promise<void>;
}

export function clientConfigFor(config: PostgresConnectionConfig): pg.ClientConfig {
  const target =
    "connectionString" in config
      ? { connectionString: config.connectionString }
      : {
          host: config.host,
          port: config.port,
          database: config.database,
          user: config.user,
          ...(config.password !== undefined ? { password: config.password } : {}),
        };
  return {
    ...target,
    ...(config.ssl !== undefined ? { ssl: config.ssl } : {}),
    connectionTimeoutMillis: config.connectTimeoutMs,
    ...(config.statementTimeoutMs > 0 ? { statement_timeout: config.statementTimeoutMs } : {}),
    application_name: "duplex",
    types: duplexTypes,
  };
}

export function createPostgresConnector(input: PostgresConnectionConfigInput): PostgresConnector {
  const config = postgresConnectionConfigSchema.parse(input);
  const clientConfig = clientConfigFor(config);
  const pool = new pg.Pool({ ...clientConfig, max: config.poolSize });
  // An idle client that loses its connection emits here; without a listener Node would crash.
  // The next query on the pool gets a fresh connection, so there is nothing else to do.
  pool.on("error", () => undefined);
  const schema = config.schema;
  const cache = new Map<string, { at: number; descriptor: ObjectDescriptor }>();

  const guard = async <T>(context: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw connectionError(error, config, context);
    }
  };

  const describeObject = (object: string) =>
    guard(`describe "${object}"`, async () => {
      const hit = cache.get(object);
      if (hit && Date.now() - hit.at < DESCRIBE_TTL_MS) return hit.descriptor;
      const descriptor = await introspectObject(pool, schema, object);
      cache.set(object, { at: Date.now(), descriptor });
      return descriptor;
    });

  return {
    kind: "postgres",
    config,
    test: () =>
      guard("test", async () => {
        await pool.query("SELECT 1");
      }),
    describe: () =>
      guard("describe", async () => {
        const found = await introspect(pool, schema, null);
        // Tables without a single-column primary key cannot be synced; describeObject names why.
        return found.flatMap((o) => (o.ok ? [o.descriptor] : []));
      }),
    describeObject,
    readChanges: async (object: string, options: ReadChangesOptions): Promise<ChangePage> => {
      const descriptor = await describeObject(object);
      return guard(`read changes of "${object}"`, () =>
        changeModeFor(config, object) === "changeTable"
          ? readChangeFeed(pool, schema, [descriptor], options.since, options.limit)
          : readChangesByTimestamp(pool, schema, descriptor, options),
      );
    },
    readAll: async (object, options) => {
      const descriptor = await describeObject(object);
      return guard(`read "${object}"`, () => readAll(pool, schema, descriptor, options));
    },
    readByKeys: async (object, field, keys) => {
      const descriptor = await describeObject(object);
      return guard(`read "${object}" by ${field}`, () =>
        readByKeys(pool, schema, descriptor, field, keys),
      );
    },
    upsert: async (object, rows, options) => {
      const descriptor = await describeObject(object);
      return guard(`upsert into "${object}"`, () =>
        upsertRows(pool, schema, descriptor, rows, options),
      );
    },
    insert: async (object, rows, options = {}) => {
      const descriptor = await describeObject(object);
      return guard(`insert into "${object}"`, () =>
        insertRows(pool, schema, descriptor, rows, options),
      );
    },
    delete: async (object, keys, options = {}) => {
      const descriptor = await describeObject(object);
      return guard(`delete from "${object}"`, () =>
        deleteRows(pool, schema, descriptor, keys, options),
      );
    },
    subscribe: async (options) => {
      const descriptors = await Promise.all(options.objects.map(describeObject));
      return guard("subscribe", () =>
        config.streamMode === "logical"
          ? streamLogicalReplication(pool, clientConfig, config, schema, descriptors, options)
          : streamChangeTable(pool, clientConfig, schema, descriptors, {
              ...options,
              pollIntervalMs: config.streamPollIntervalMs,
            }),
      );
    },
    installChangeCapture: async (objects) => {
      const descriptors = await Promise.all(objects.map(describeObject));
      await guard("install change capture", () => installChangeCapture(pool, schema, descriptors));
    },
    removeChangeCapture: (objects) =>
      guard("remove change capture", () => removeChangeCapture(pool, schema, objects)),
    setupLogicalReplication: async (objects) => {
      const descriptors = await Promise.all(objects.map(describeObject));
      return guard("set up logical replication", () =>
        setupLogicalReplication(pool, config, schema, descriptors),
      );
    },
    teardownLogicalReplication: () =>
      guard("tear down logical replication", () => teardownLogicalReplication(pool, config)),
    close: async () => {
      await pool.end();
    },
  };
}

export { ConnectorError };
