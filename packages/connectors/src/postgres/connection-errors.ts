import { ConnectorError } from "../types";
import { describeTarget, type PostgresConnectionConfig } from "./config";
import { sqlState, toConnectorError } from "./errors";

function userOf(config: PostgresConnectionConfig): string {
  if ("user" in config) return config.user;
  try {
    return decodeURIComponent(new URL(config.connectionString).username) || "(default user)";
  } catch {
    return "(default user)";
  }
}

function nodeCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code: unknown = Reflect.get(error, "code");
  return typeof code === "string" ? code : undefined;
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * Turns connection-level failures into messages a person setting up a connection can act on
 * ("authentication failed for user …", "cannot reach host:port"); other errors pass through
 * `toConnectorError` with `context`.
 */
export function connectionError(
  error: unknown,
  config: PostgresConnectionConfig,
  context: string,
): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const state = sqlState(error);
  if (state === "28P01" || state === "28000") {
    return new ConnectorError(
      `authentication failed for user "${userOf(config)}": ${message}`,
      "authentication_failed",
      false,
      { cause: error },
    );
  }
  if (state === "3D000") {
    return new ConnectorError(message, "database_not_found", false, { cause: error });
  }
  const code = nodeCode(error);
  const timedOut = /timeout expired|connection timeout/i.test(message);
  if ((code !== undefined && UNREACHABLE.has(code)) || timedOut) {
    const { host, port } = describeTarget(config);
    // A name that does not resolve is a typo until proven otherwise; refusals and timeouts pass.
    return new ConnectorError(
      `cannot reach ${host}:${port} (${code ?? "timeout"}: ${message})`,
      "unreachable",
      code !== "ENOTFOUND",
      { cause: error },
    );
  }
  return toConnectorError(error, context);
}
