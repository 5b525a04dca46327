import { ConnectorError, type ConnectorErrorInfo } from "../types";

/** SQLSTATE codes Duplex names in record errors; others are reported by their raw code. */
const SQLSTATE_NAMES: Record<string, string> = {
  "21000": "cardinality_violation",
  "22001": "string_data_right_truncation",
  "22003": "numeric_value_out_of_range",
  "22007": "invalid_datetime_format",
  "22008": "datetime_field_overflow",
  "22012": "division_by_zero",
  "22021": "character_not_in_repertoire",
  "22023": "invalid_parameter_value",
  "22P02": "invalid_text_representation",
  "22P05": "untranslatable_character",
  "22004": "null_value_not_allowed",
  "2200N": "invalid_xml_content",
  "23000": "integrity_constraint_violation",
  "23502": "not_null_violation",
  "23503": "foreign_key_violation",
  "23505": "unique_violation",
  "23514": "check_violation",
  "23P01": "exclusion_violation",
  "28000": "invalid_authorization_specification",
  "28P01": "invalid_password",
  "3D000": "invalid_catalog_name",
  "40001": "serialization_failure",
  "40P01": "deadlock_detected",
  "42501": "insufficient_privilege",
  "42703": "undefined_column",
  "42P01": "undefined_table",
  "428C9": "generated_always",
  "53300": "too_many_connections",
  "55P03": "lock_not_available",
  "57014": "query_canceled",
  "57P01": "admin_shutdown",
  "57P02": "crash_shutdown",
  "57P03": "cannot_connect_now",
  P0001: "raise_exception",
};

/** Node socket errors that mean "try again later". */
const TRANSIENT_NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

function field(error: unknown, key: string): unknown {
  return typeof error === "object" && error !== null && key in error
    ? Reflect.get(error, key)
    : undefined;
}

function stringField(error: unknown, key: string): string | undefined {
  const value = field(error, key);
  return typeof value === "string" ? value : undefined;
}

export function sqlState(error: unknown): string | undefined {
  const code = stringField(error, "code");
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function sqlStateName(code: string): string {
  return SQLSTATE_NAMES[code] ?? code;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Errors caused by one row's values: class 21/22 (data), 23 (constraints), 2F/P0 (raised by user
 * triggers). A batch failing with one of these is retried row by row so only the bad rows fail.
 */
export function isRecordError(error: unknown): boolean {
  const code = sqlState(error);
  if (code === undefined) return false;
  return /^(21|22|23|2F|P0)/.test(code) || code === "428C9" || code === "42804";
}

/** Errors worth retrying with backoff: connection loss, shutdowns, serialization, deadlocks. */
export function isTransient(error: unknown): boolean {
  const code = sqlState(error);
  if (code !== undefined)
    return /^(08|40|53|57P|58)/.test(code) || code === "55P03" || code === "57014";
  const nodeCode = stringField(error, "code");
  if (nodeCode !== undefined && TRANSIENT_NODE_CODES.has(nodeCode)) return true;
  return /Connection terminated|connection timeout|timeout expired/i.test(messageOf(error));
}

/** Columns an error points at: pg reports `column` for not-null; unique/FK put them in `detail`. */
function errorFields(error: unknown): string[] | undefined {
  const column = stringField(error, "column");
  if (column !== undefined) return [column];
  const detail = stringField(error, "detail");
  const match = detail === undefined ? null : /^Key \((.+?)\)=/.exec(detail);
  if (match?.[1] !== undefined)
    return match[1].split(", ").map((name) => name.replace(/^"|"$/g, ""));
  return undefined;
}

export function recordErrorInfo(error: unknown): ConnectorErrorInfo {
  const code = sqlState(error);
  const fields = errorFields(error);
  const detail = stringField(error, "detail");
  const message = detail ? `${messageOf(error)} (${detail})` : messageOf(error);
  return {
    code: code === undefined ? "error" : sqlStateName(code),
    message,
    transient: isTransient(error),
    ...(fields ? { fields } : {}),
  };
}

/** Wraps any failure of a whole call; keeps ConnectorErrors as they are. */
export function toConnectorError(error: unknown, context: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = sqlState(error);
  const name = code === undefined ? (stringField(error, "code") ?? "error") : sqlStateName(code);
  return new ConnectorError(`${context}: ${messageOf(error)}`, name, isTransient(error), {
    cause: error,
  });
}
