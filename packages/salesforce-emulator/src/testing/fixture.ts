import { Connection } from "jsforce";
import {
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
  startSalesforceEmulator,
} from "../emulator";

// Shared setup for the jsforce-driven tests: an emulator plus connections logged in the ways
// jsforce supports.

export interface Fixture {
  emu: SalesforceEmulator;
  /** Moves the emulator clock forward (only when started with a manual clock). */
  advance(ms: number): void;
}

export async function startFixture(options: SalesforceEmulatorOptions = {}): Promise<Fixture> {
  let offset = 0;
  const emu = await startSalesforceEmulator({
    seed: false,
    clock: () => Date.now() + offset,
    ...options,
  });
  return {
    emu,
    advance(ms) {
      offset += ms;
    },
  };
}

/** SOAP login (jsforce's default for login() without OAuth client credentials). */
export async function soapLogin(emu: SalesforceEmulator, version = "60.0"): Promise<Connection> {
  const conn = new Connection({ loginUrl: emu.loginUrl, version });
  await conn.login(emu.username, emu.password);
  return conn;
}

/** OAuth 2.0 username-password flow. */
export async function oauthLogin(emu: SalesforceEmulator, version = "60.0"): Promise<Connection> {
  const conn = new Connection({
    version,
    oauth2: { loginUrl: emu.loginUrl, clientId: emu.clientId, clientSecret: emu.clientSecret },
  });
  await conn.login(emu.username, emu.password);
  return conn;
}

/** A connection holding only a token: no refresh delegate, so 401s surface as errors. */
export function tokenOnly(conn: Connection): Connection {
  return new Connection({
    instanceUrl: conn.instanceUrl,
    accessToken: conn.accessToken ?? "",
    version: conn.version,
  });
}

/** Resolves to the thrown error, failing the test if the promise resolves. */
export async function rejectionOf(
  promise: PromiseLike<unknown>,
): Promise<{ errorCode?: string; message: string; data?: unknown }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`non-Error rejection: ${String(err)}`);
  }
  throw new Error("expected the call to fail");
}
