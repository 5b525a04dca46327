import type { AddressInfo } from "node:net";
import { mintId } from "./ids/salesforce-id";
import { formatDatetime } from "./records/datetime-format";
import { registerAuthRoutes } from "./routes/auth-routes";
import { registerBulkRoutes } from "./routes/bulk-routes";
import { registerChangeRoutes } from "./routes/change-routes";
import { registerCompositeRoutes } from "./routes/composite-routes";
import { registerMetaRoutes } from "./routes/meta-routes";
import { registerQueryRoutes } from "./routes/query-routes";
import { registerRecordRoutes } from "./routes/record-routes";
import { Catalog } from "./schema/catalog";
import { seedDemoData } from "./seed/demo-data";
import { EmulatorContext } from "./server/context";
import { createHttpServer } from "./server/http-server";
import { Router } from "./server/router";
import { MemoryRecordStore } from "./store/memory-store";
import { PostgresRecordStore } from "./store/postgres-store";
import type { RecordStore } from "./store/record-store";

export interface SalesforceEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  store?: "memory" | { databaseUrl: string; schema?: string };
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  /** PEM public key or certificate of the connected app, enabling the JWT bearer grant. */
  jwtPublicKey?: string;
  dailyLimit?: number;
  tokenTtlSeconds?: number;
  /** Load deterministic demo data into an empty store (default true). */
  seed?: boolean;
  /** Path to an alternative objects.json. */
  schemaPath?: string | URL;
  /** Clock override for tests. */
  clock?: () => number;
}

export interface SalesforceEmulator {
  /** Instance URL, e.g. http://127.0.0.1:4567 */
  url: string;
  /** Login URL for jsforce's `loginUrl` (same host). */
  loginUrl: string;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  store: RecordStore;
  context: EmulatorContext;
  close(): Promise<void>;
}

export const defaultCredentials = {
  username: "admin@duplex.local",
  password: "duplex",
  clientId: "duplex-emulator-client",
  clientSecret: "duplex-emulator-secret",
} as const;

export const ORG_ID = mintId("00D", 1);
export const ADMIN_USER_ID = mintId("005", 1);

export async function startSalesforceEmulator(
  options: SalesforceEmulatorOptions = {},
): Promise<SalesforceEmulator> {
  const catalog = Catalog.load(options.schemaPath);
  const store: RecordStore =
    options.store && options.store !== "memory"
      ? new PostgresRecordStore(options.store.databaseUrl, options.store.schema)
      : new MemoryRecordStore();
  await store.init();
  const config = {
    username: options.username ?? defaultCredentials.username,
    password: options.password ?? defaultCredentials.password,
    clientId: options.clientId ?? defaultCredentials.clientId,
    clientSecret: options.clientSecret ?? defaultCredentials.clientSecret,
    jwtPublicKey: options.jwtPublicKey ?? null,
    dailyLimit: options.dailyLimit ?? 100_000,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 2 * 60 * 60,
    orgId: ORG_ID,
    userId: ADMIN_USER_ID,
    clock: options.clock ?? Date.now,
  };
  const ctx = new EmulatorContext(config, catalog, store);
  await bootstrap(ctx, options.seed ?? true);

  const router = new Router();
  // Order matters: fixed paths (describe, deleted, updated) before the /:id catch-alls.
  registerAuthRoutes(router, ctx);
  registerMetaRoutes(router, ctx);
  registerChangeRoutes(router, ctx);
  registerQueryRoutes(router, ctx);
  registerCompositeRoutes(router, ctx);
  registerBulkRoutes(router, ctx);
  registerRecordRoutes(router, ctx);

  const server = createHttpServer(ctx, router);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port =
    typeof address === "object" && address ? (address satisfies AddressInfo).port : options.port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const url = `http://${urlHost}:${String(port)}`;
  return {
    url,
    loginUrl: url,
    username: config.username,
    password: config.password,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    store,
    context: ctx,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

/** Ensures the admin user exists and, on an empty org, loads demo data. */
async function bootstrap(ctx: EmulatorContext, seed: boolean): Promise<void> {
  const { config, store } = ctx;
  const [existing] = await store.getRecords("User", [config.userId]);
  if (!existing) {
    const now = formatDatetime(config.clock());
    await store.saveRecords([
      {
        id: config.userId,
        object: "User",
        deletedDate: null,
        fields: {
          Id: config.userId,
          IsDeleted: false,
          Username: config.username,
          FirstName: "Duplex",
          LastName: "Admin",
          Name: "Duplex Admin",
          Email: config.username,
          IsActive: true,
          CreatedDate: now,
          CreatedById: config.userId,
          LastModifiedDate: now,
          LastModifiedById: config.userId,
          SystemModstamp: now,
        },
      },
    ]);
  }
  if (!seed || (await store.listRecords("Account")).length > 0) return;
  await ctx.dml(config.userId, async (uow) => {
    await seedDemoData(uow, ctx.catalog);
    await uow.commit();
  });
}
