import { SessionRegistry } from "../auth/sessions";
import { IdAllocator } from "../records/id-allocator";
import { UnitOfWork } from "../records/unit-of-work";
import type { Catalog, ObjectDef } from "../schema/catalog";
import { type QueryOutcome, runSoql } from "../soql/executor";
import { QueryCursors } from "../soql/query-cursors";
import type { RecordStore } from "../store/record-store";
import { notFound } from "./api-error";
import { ApiLimits } from "./api-limits";
import { Mutex } from "./mutex";

export interface EmulatorConfig {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  /** PEM public key (or certificate) that verifies JWT bearer assertions; null disables the flow. */
  jwtPublicKey: string | null;
  dailyLimit: number;
  tokenTtlSeconds: number;
  orgId: string;
  userId: string;
  clock: () => number;
}

/** Everything a route handler needs, shared by all requests of one emulator instance. */
export class EmulatorContext {
  readonly ids: IdAllocator;
  readonly sessions: SessionRegistry;
  readonly limits: ApiLimits;
  readonly cursors = new QueryCursors();
  readonly writeLock = new Mutex();

  constructor(
    readonly config: EmulatorConfig,
    readonly catalog: Catalog,
    readonly store: RecordStore,
  ) {
    this.ids = new IdAllocator(store);
    this.sessions = new SessionRegistry(config.orgId, config.tokenTtlSeconds, config.clock);
    this.limits = new ApiLimits(config.dailyLimit, config.clock);
  }

  now(): number {
    return this.config.clock();
  }

  objectOr404(name: string): ObjectDef {
    const def = this.catalog.object(name);
    if (!def) throw notFound();
    return def;
  }

  /** Runs DML under the write lock; `work` decides whether to commit. */
  dml<T>(userId: string, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    return this.writeLock.run(() =>
      work(
        new UnitOfWork({
          store: this.store,
          catalog: this.catalog,
          ids: this.ids,
          userId,
          clock: this.config.clock,
        }),
      ),
    );
  }

  query(soql: string, includeDeleted: boolean, apiVersion: string): Promise<QueryOutcome> {
    return runSoql(
      { store: this.store, catalog: this.catalog, apiVersion, now: this.now() },
      soql,
      includeDeleted,
    );
  }
}
