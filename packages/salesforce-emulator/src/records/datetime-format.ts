// Salesforce renders datetimes as 2024-01-01T00:00:00.000+0000 (UTC, millisecond precision,
// colon-less offset) in REST JSON. Input is more liberal: any ISO 8601 datetime with an offset.

const DATETIME_INPUT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatDatetime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}

/** Parses an ISO 8601 datetime (a missing offset means UTC, as in Salesforce). */
export function parseDatetime(text: string): number | undefined {
  const m = DATETIME_INPUT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = "0", frac = "0", zone = "Z"] = m;
  const base = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(frac.padEnd(3, "0").slice(0, 3)),
  );
  const check = new Date(base);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (zone === "Z") return base;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return base - sign * offsetMinutes * 60_000;
}

/** Validates a YYYY-MM-DD calendar date and returns its UTC midnight in ms. */
export function parseDate(text: string): number | undefined {
  const m = DATE_INPUT.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(m[3]) || check.getUTCMonth() !== Number(m[2]) - 1)
    return undefined;
  return ms;
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
