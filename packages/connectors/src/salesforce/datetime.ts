/*
 * Strict date and datetime parsing. `Date.parse` accepts 2024-02-30 (rolling it into March), which
 * would silently write the wrong day to Salesforce, so calendar fields are checked here.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `YYYY-MM-DD` → UTC midnight in ms, or undefined when it is not a real calendar day. */
export function parseDate(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validDay(y, mo, d) ? Date.UTC(y, mo - 1, d) : undefined;
}

/**
 * An ISO 8601 datetime → epoch ms. A missing offset means UTC (as in Salesforce); Salesforce's own
 * `+0000` form is accepted.
 */
export function parseDatetime(text: string): number | undefined {
  const m = DATETIME.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const s = Number(m[6] ?? "0");
  const ms = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const base = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const zone = m[8] ?? "Z";
  if (zone === "Z") return base;
  const digits = zone.slice(1).replace(":", "");
  const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return base - (zone.startsWith("-") ? -1 : 1) * offset * 60_000;
}

/** Salesforce datetimes (`2024-01-02T03:04:05.000+0000`) as ISO 8601 UTC (`…05.000Z`). */
export function isoDatetime(text: string): string {
  const ms = parseDatetime(text);
  return ms === undefined ? text : new Date(ms).toISOString();
}
