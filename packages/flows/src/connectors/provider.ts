import { type Connector, createConnector } from "@duplex/connectors";
import type { ObjectDescriptor } from "@duplex/core";
import { connections, type Database, type KeyRing, unsealConnectionConfig } from "@duplex/db";
import { eq } from "drizzle-orm";

export interface ConnectorProvider {
  get(connectionId: string): Promise<Connector>;
  describe(connectionId: string, object: string): Promise<ObjectDescriptor>;
  close(): Promise<void>;
}

export interface ConnectorProviderOptions {
  /** Lets tests wrap a real connector (to inject transient failures, count writes). */
  wrap?: (connectionId: string, connector: Connector) => Connector;
  /** How long a describe result is reused. Schema changes show up after this. */
  describeTtlMs?: number;
}

/**
 * Builds connectors from `connections` rows (non-secret config plus the unsealed secret part) and
 * keeps one per connection for the life of the worker, rebuilt when the row changes.
 */
export function createConnectorProvider(
  db: Database,
  ring: KeyRing,
  options: ConnectorProviderOptions = {},
): ConnectorProvider {
  const cache = new Map<string, { updatedAt: number; connector: Promise<Connector> }>();
  const describeCache = new Map<string, { at: number; value: Promise<ObjectDescriptor> }>();
  const ttl = options.describeTtlMs ?? 60_000;

  async function build(
    connectionId: string,
  ): Promise<{ updatedAt: number; connector: Promise<Connector> }> {
    const [row] = await db.select().from(connections).where(eq(connections.id, connectionId));
    if (!row) throw new Error(`connection ${connectionId} does not exist`);
    const cached = cache.get(connectionId);
    if (cached && cached.updatedAt === row.updatedAt.getTime()) return cached;
    if (cached) void cached.connector.then((c) => c.close()).catch(() => {});
    // Unsealed exactly as the API sealed it (public config plus secret entries).
    const connector = createConnector(row.type, unsealConnectionConfig(ring, row));
    const entry = {
      updatedAt: row.updatedAt.getTime(),
      connector: Promise.resolve(options.wrap ? options.wrap(connectionId, connector) : connector),
    };
    cache.set(connectionId, entry);
    return entry;
  }

  return {
    async get(connectionId) {
      return (await build(connectionId)).connector;
    },
    async describe(connectionId, object) {
      const key = `${connectionId}/${object}`;
      const hit = describeCache.get(key);
      if (hit && Date.now() - hit.at < ttl) return hit.value;
      const value = this.get(connectionId).then((c) => c.describeObject(object));
      value.catch(() => describeCache.delete(key));
      describeCache.set(key, { at: Date.now(), value });
      return value;
    },
    async close() {
      for (const entry of cache.values()) await (await entry.connector).close().catch(() => {});
      cache.clear();
    },
  };
}
