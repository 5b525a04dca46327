import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the test Postgres server, or null when tests use embedded PGlite. */
    duplexAdminDatabaseUrl: string | null;
    duplexTemporalAddress: string;
  }
}

export function testTemporalAddress(): string {
  return inject("duplexTemporalAddress");
}

export function testAdminDatabaseUrl(): string | null {
  return inject("duplexAdminDatabaseUrl");
}

let counter = 0;
/** A task queue no other test (or test file) uses, so parallel Temporal tests never steal work. */
export function uniqueTaskQueue(prefix = "test"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
