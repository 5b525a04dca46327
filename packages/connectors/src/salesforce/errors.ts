import { z } from "zod";
import { ConnectorError, type ConnectorErrorInfo } from "../types";

/**
 * Salesforce error codes worth retrying with backoff. Everything else (validation rules, bad
 * picklist values, missing required fields, duplicate values) fails the same way on every retry.
 */
const TRANSIENT_CODES = new Set([
  "REQUEST_LIMIT_EXCEEDED",
  "UNABLE_TO_LOCK_ROW",
  "SERVER_UNAVAILABLE",
  "UNKNOWN_EXCEPTION", // Salesforce's HTTP 500 body
  "REQUEST_RUNNING_TOO_LONG",
  "QUERY_TIMEOUT",
  "TXN_SECURITY_METERING_ERROR",
]);

/** Node/undici socket failures: the org could not be reached this time. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** jsforce names errors whose body was not Salesforce JSON after the HTTP status. */
const HTTP_STATUS_CODE = /^ERROR_HTTP_(\d{3})$/;

export function isTransientCode(code: string): boolean {
  if (TRANSIENT_CODES.has(code)) return true;
  // A host name that does not resolve is a typo until proven otherwise.
  if (NETWORK_CODES.has(code)) return code !== "ENOTFOUND";
  const status = HTTP_STATUS_CODE.exec(code)?.[1];
  return status !== undefined && (status.startsWith("5") || status === "429");
}

const codedError = z.object({ errorCode: z.string() });
const nodeError = z.object({ code: z.string() });
const causedError = z.object({ cause: z.unknown() });

/** The Salesforce errorCode (jsforce's HttpApiError) or Node error code of a failure. */
export function errorCodeOf(error: unknown): string | undefined {
  const coded = codedError.safeParse(error);
  if (coded.success) return coded.data.errorCode;
  const node = nodeError.safeParse(error);
  if (node.success) return node.data.code;
  // fetch() wraps socket errors: TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }).
  const caused = causedError.safeParse(error);
  return caused.success && caused.data.cause !== error ? errorCodeOf(caused.data.cause) : undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isInvalidSession(error: unknown): boolean {
  return errorCodeOf(error) === "INVALID_SESSION_ID";
}

export function isNetworkError(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code !== undefined && NETWORK_CODES.has(code);
}

/** Wraps any failure of a whole call; keeps ConnectorErrors as they are. */
export function toConnectorError(error: unknown, context: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = errorCodeOf(error) ?? "error";
  return new ConnectorError(`${context}: ${messageOf(error)}`, code, isTransientCode(code), {
    cause: error,
  });
}

/** One entry of a SaveResult's `errors` (collections use statusCode, some APIs errorCode). */
export const saveErrorSchema = z
  .object({
    statusCode: z.string().optional(),
    errorCode: z.string().optional(),
    message: z.string().default(""),
    fields: z.array(z.string()).optional(),
  })
  .transform((e) => ({
    code: e.statusCode ?? e.errorCode ?? "UNKNOWN_EXCEPTION",
    message: e.message,
    fields: e.fields ?? [],
  }));
export type SaveError = z.output<typeof saveErrorSchema>;

/** A record's errors as one WriteOutcome error: the first code decides, all messages are kept. */
export function recordErrorInfo(errors: readonly SaveError[]): ConnectorErrorInfo {
  const first = errors[0];
  const code = first?.code ?? "UNKNOWN_EXCEPTION";
  const fields = [...new Set(errors.flatMap((e) => e.fields))];
  return {
    code,
    message: errors.map((e) => e.message).join("; ") || "Salesforce reported a failure",
    transient: isTransientCode(code),
    ...(fields.length > 0 ? { fields } : {}),
  };
}

/** An error Duplex raises for one record before Salesforce sees it (never transient). */
export function localRecordError(
  code: string,
  message: string,
  fields?: string[],
): ConnectorErrorInfo {
  return { code, message, transient: false, ...(fields ? { fields } : {}) };
}
