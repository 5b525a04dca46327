import pg from "pg";

/**
 * Type parsers that turn Postgres text output into JSON-compatible values without losing
 * precision: timestamps keep their microseconds as ISO 8601 strings, dates stay `YYYY-MM-DD`
 * (pg's default makes local-time Date objects), int8 becomes a number only when it is exact,
 * numeric stays a string, bytea becomes base64.
 */
const OID = {
  int8: 20,
  bytea: 17,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  byteaArray: 1001,
} as const;

const TIMESTAMP =
  /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;

/** `2024-01-02 03:04:05.123456+00` → `2024-01-02T03:04:05.123456Z`; infinity/BC stay as sent. */
export function isoTimestamp(text: string): string {
  const m = TIMESTAMP.exec(text);
  if (!m) return text;
  const [, date, time, sign, hh, mm, ss] = m;
  if (sign === undefined) return `${date}T${time}`;
  if (hh === "00" && (mm ?? "00") === "00" && (ss ?? "00") === "00") return `${date}T${time}Z`;
  return `${date}T${time}${sign}${hh}:${mm ?? "00"}${ss ? `:${ss}` : ""}`;
}

function int8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

function bytea(text: string): string {
  const parse = pg.types.getTypeParser(OID.bytea);
  const value: unknown = parse(text);
  return Buffer.isBuffer(value) ? value.toString("base64") : text;
}

const overrides = new Map<number, (text: string) => unknown>([
  [OID.int8, int8],
  [OID.bytea, bytea],
  [OID.date, (text) => text],
  [OID.timestamp, isoTimestamp],
  [OID.timestamptz, isoTimestamp],
]);

/** Default parsers make Date objects (also inside arrays); Duplex values are JSON. */
function jsonSafe(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  return value;
}

/** Parser for one type OID in text format; used by the pool and by the replication stream. */
export function parserFor(oid: number): (text: string) => unknown {
  const override = overrides.get(oid);
  if (override) return override;
  const parse = pg.types.getTypeParser(oid);
  return (text) => jsonSafe(parse(text));
}

/** The `types` option for pg clients and pools. */
export const duplexTypes = {
  getTypeParser: (oid: number) => parserFor(oid),
};

/** Binary values travel as base64 in Duplex; Postgres' bytea input wants `\x<hex>`. */
export function byteaInput(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return `\\x${Buffer.from(value, "base64").toString("hex")}`;
}
