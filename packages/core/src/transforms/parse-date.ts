/**
 * Date and datetime parsing without `Date.parse`, whose handling of non-ISO text differs between
 * engines. Components are kept "as written" (with the written offset) so a date cast does not
 * shift a late-evening local time into the next UTC day.
 */

export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Offset written in the text, in minutes east of UTC; null when none was written (read as UTC). */
  offsetMinutes: number | null;
  hasTime: boolean;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const LOCAL =
  /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?:[,\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i;

const orderCache = new Map<string, ("day" | "month" | "year")[]>();

/** The order in which a locale writes day, month and year (en-US: month, day, year). */
export function localeDateOrder(locale: string): ("day" | "month" | "year")[] {
  const cached = orderCache.get(locale);
  if (cached) return cached;
  const order: ("day" | "month" | "year")[] = [];
  const format = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: "UTC",
  });
  for (const part of format.formatToParts(Date.UTC(2001, 10, 22))) {
    if (part.type === "day" || part.type === "month" || part.type === "year") order.push(part.type);
  }
  orderCache.set(locale, order);
  return order;
}

function valid(parts: DateTimeParts): DateTimeParts | undefined {
  const { year, month, day, hour, minute, second } = parts;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  // Date.UTC rolls Feb 30 over to March; a round trip catches impossible calendar days.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    return undefined;
  }
  return parts;
}

function parseOffset(text: string | undefined): number | null {
  if (!text) return null;
  if (text.toUpperCase() === "Z") return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

/** Parses ISO 8601 (and the Postgres text form), or a numeric date in the locale's order. */
export function parseDateTimeText(text: string, locale = "en-US"): DateTimeParts | undefined {
  const trimmed = text.trim();
  const iso = ISO.exec(trimmed);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, offset] = iso;
    return valid({
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h ?? 0),
      minute: Number(mi ?? 0),
      second: Number(s ?? 0),
      millisecond: frac ? Number(frac.padEnd(3, "0").slice(0, 3)) : 0,
      offsetMinutes: parseOffset(offset),
      hasTime: h !== undefined,
    });
  }
  const local = LOCAL.exec(trimmed);
  if (!local) return undefined;
  const [, p1, p2, p3, h, mi, s, meridiem] = local;
  const values: Record<string, number> = {};
  // A leading four-digit year ("2024/03/05") is year-month-day in every locale.
  const order: ("day" | "month" | "year")[] =
    (p1 ?? "").length === 4 ? ["year", "month", "day"] : localeDateOrder(locale);
  [p1, p2, p3].forEach((part, index) => {
    const name = order[index];
    if (name) values[name] = Number(part);
  });
  const yearText = [p1, p2, p3][order.indexOf("year")] ?? "";
  // Two-digit years are ambiguous (which century?), so they are refused rather than guessed.
  if (yearText.length !== 4) return undefined;
  let hour = Number(h ?? 0);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem.toLowerCase() === "pm" ? 12 : 0);
  }
  return valid({
    year: values.year ?? 0,
    month: values.month ?? 0,
    day: values.day ?? 0,
    hour,
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: 0,
    offsetMinutes: null,
    hasTime: h !== undefined,
  });
}

/** Epoch milliseconds of the parts; text without an offset is read as UTC. */
export function toEpochMs(parts: DateTimeParts): number {
  const local = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
    parts.millisecond,
  );
  return local - (parts.offsetMinutes ?? 0) * 60_000;
}

/** Parts of an epoch-milliseconds instant in UTC. */
export function partsFromEpochMs(epochMs: number): DateTimeParts | undefined {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return undefined;
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
    offsetMinutes: 0,
    hasTime: true,
  };
}

/** Reads a date value: ISO/locale text, or a number of epoch milliseconds. */
export function parseDateValue(value: unknown, locale?: string): DateTimeParts | undefined {
  if (typeof value === "number")
    return Number.isFinite(value) ? partsFromEpochMs(value) : undefined;
  if (typeof value === "string") return parseDateTimeText(value, locale);
  return undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function isoDate(parts: DateTimeParts): string {
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

export function isoDateTimeUtc(parts: DateTimeParts): string {
  return new Date(toEpochMs(parts)).toISOString();
}
