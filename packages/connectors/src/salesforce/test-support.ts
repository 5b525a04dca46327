import {
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
  startSalesforceEmulator,
} from "@duplex/salesforce-emulator";
import type { SalesforceConnectionConfigInput } from "./config";
import { createSalesforceConnector, type SalesforceConnector } from "./connector";

export interface SalesforceFixture {
  emu: SalesforceEmulator;
  /** Moves the emulator's clock forward (token expiry, SystemModstamp spacing). */
  advance(ms: number): void;
  /** A connector logged in with SOAP username/password unless `settings` says otherwise. */
  connector(settings?: Partial<SalesforceConnectionConfigInput>): SalesforceConnector;
  close(): Promise<void>;
}

/** One in-memory emulator per test file, with a clock the test can move. */
export async function salesforceFixture(
  options: SalesforceEmulatorOptions = {},
): Promise<SalesforceFixture> {
  let offset = 0;
  const emu = await startSalesforceEmulator({
    port: 0,
    store: "memory",
    seed: false,
    clock: () => Date.now() + offset,
    ...options,
  });
  const connectors: SalesforceConnector[] = [];
  return {
    emu,
    advance(ms) {
      offset += ms;
    },
    connector(settings = {}) {
      const connector = createSalesforceConnector({
        loginUrl: emu.loginUrl,
        auth: { type: "password", username: emu.username, password: emu.password },
        ...settings,
      });
      connectors.push(connector);
      return connector;
    },
    async close() {
      await Promise.all(connectors.map((c) => c.close()));
      await emu.close();
    },
  };
}

/** Resolves to what `promise` rejected with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}
