import {
  type Connector,
  connectorTypes,
  createConnector,
  isConnectorType,
} from "@duplex/connectors";
import {
  type ConnectionRow,
  type Database,
  findConnectionRow,
  type KeyRing,
  listAllowedHosts,
} from "@duplex/db";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { allowListProblem } from "./allowed-hosts";
import { openEntries, sealEntries } from "./sealed-config";
import {
  dropEmptySecrets,
  mergeSecrets,
  type SecretEntry,
  secretLabel,
  secretPathKey,
  splitSecrets,
} from "./secret-fields";

/** What leaves the server about a connection: settings without secrets, and which secrets are set. */
export interface ConnectionView {
  id: string;
  name: string;
  type: string;
  config: Record<string, unknown>;
  secrets: Record<string, "set">;
  /** "unreadable" when DUPLEX_SECRET_KEY lacks the key that sealed them (see rotate-secrets). */
  secretsStatus: "ok" | "unreadable";
  createdAt: Date;
  updatedAt: Date;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

export function connectionView(ring: KeyRing, row: ConnectionRow): ConnectionView {
  let secrets: Record<string, "set"> = {};
  let secretsStatus: ConnectionView["secretsStatus"] = "ok";
  try {
    secrets = Object.fromEntries(
      openEntries(ring, row.secretCiphertext).map((e) => [secretLabel(e), "set"]),
    );
  } catch {
    secretsStatus = "unreadable";
  }
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    config: row.config,
    secrets,
    secretsStatus,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function configSchemaFor(type: string): z.ZodType {
  if (!isConnectorType(type)) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Unknown connector type "${type}" (known: ${Object.keys(connectorTypes).join(", ")}).`,
    });
  }
  return connectorTypes[type].configSchema;
}

/** Validates full settings with the connector's own schema; failures become BAD_REQUEST issues. */
function validateConfig(type: string, config: unknown): unknown {
  const parsed = configSchemaFor(type).safeParse(config);
  if (!parsed.success) throw new TRPCError({ code: "BAD_REQUEST", cause: parsed.error });
  return parsed.data;
}

export interface PreparedConnection {
  config: Record<string, unknown>;
  secretCiphertext: string | null;
  secretKeyVersion: number | null;
  /** Labels of secrets the caller supplied in this request (for the audit log, never values). */
  secretsChanged: string[];
}

/**
 * Turns submitted settings into what is stored. On update, `previous` holds the stored secrets:
 * those the submission omits (or leaves "") are kept unless listed in `clearSecrets`.
 */
export function prepareConnection(input: {
  ring: KeyRing;
  type: string;
  submitted: unknown;
  previous?: SecretEntry[];
  clearSecrets?: string[];
}): PreparedConnection {
  const submitted = dropEmptySecrets(input.submitted);
  const supplied = splitSecrets(submitted).secrets;
  const clear = new Set(input.clearSecrets ?? []);
  const kept = (input.previous ?? []).filter(
    (entry) => !clear.has(secretLabel(entry)) && !clear.has(secretPathKey(entry.path)),
  );
  const full = mergeSecrets(submitted, kept, { onlyMissing: true });
  const validated = validateConfig(input.type, full);
  const { publicConfig, secrets } = splitSecrets(validated);
  return {
    config: asRecord(publicConfig),
    ...sealEntries(input.ring, secrets),
    secretsChanged: supplied.map(secretLabel),
  };
}

/** The full settings (secrets included) of a stored connection. Server-side use only. */
export function unsealedConfig(ring: KeyRing, row: ConnectionRow): unknown {
  return mergeSecrets(row.config, openEntries(ring, row.secretCiphertext));
}

export async function assertHostAllowed(db: Database, config: unknown): Promise<void> {
  const patterns = (await listAllowedHosts(db)).map((row) => row.pattern);
  const problem = allowListProblem(config, patterns);
  if (problem) throw new TRPCError({ code: "FORBIDDEN", message: problem });
}

/**
 * Opens the connector of a stored connection, secrets unsealed server-side and the allow-list
 * checked (it may have changed since the connection was saved). Callers must close it. This is
 * what the editor and engine use; nothing else should unseal connection secrets.
 */
export async function openConnection(
  deps: { db: Database; keyRing: KeyRing },
  connectionId: string,
): Promise<Connector> {
  const row = await findConnectionRow(deps.db, connectionId);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such connection." });
  const config = unsealedConfig(deps.keyRing, row);
  await assertHostAllowed(deps.db, config);
  return createConnector(row.type, config);
}

/** Replaces every occurrence of a secret value in a message (a driver error might echo one). */
export function redactSecrets(message: string, entries: SecretEntry[]): string {
  let out = message;
  for (const entry of entries) {
    const value = typeof entry.value === "string" ? entry.value : JSON.stringify(entry.value);
    if (value && value.length >= 3) out = out.split(value).join("[redacted]");
  }
  return out;
}
