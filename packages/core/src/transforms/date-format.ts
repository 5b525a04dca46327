import { type DateTimeParts, parseDateValue } from "./parse-date";
import { describeValue, TransformStepError } from "./transform-result";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const TOKEN =
  /'(?:[^']|'')*'|yyyy|yy|MMMM|MMM|MM|M|dd|d|EEEE|EEE|HH|H|hh|h|mm|m|ss|s|SSS|a|XXX|[A-Za-z]/g;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function offsetText(minutes: number | null): string {
  if (!minutes) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function formatToken(token: string, p: DateTimeParts): string {
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  switch (token) {
    case "yyyy":
      return pad(p.year, 4);
    case "yy":
      return pad(p.year % 100);
    case "MMMM":
      return MONTHS[p.month - 1] ?? "";
    case "MMM":
      return (MONTHS[p.month - 1] ?? "").slice(0, 3);
    case "MM":
      return pad(p.month);
    case "M":
      return String(p.month);
    case "dd":
      return pad(p.day);
    case "d":
      return String(p.day);
    case "EEEE":
      return WEEKDAYS[weekday] ?? "";
    case "EEE":
      return (WEEKDAYS[weekday] ?? "").slice(0, 3);
    case "HH":
      return pad(p.hour);
    case "H":
      return String(p.hour);
    case "hh":
      return pad(hour12);
    case "h":
      return String(hour12);
    case "mm":
      return pad(p.minute);
    case "m":
      return String(p.minute);
    case "ss":
      return pad(p.second);
    case "s":
      return String(p.second);
    case "SSS":
      return pad(p.millisecond, 3);
    case "a":
      return p.hour < 12 ? "AM" : "PM";
    case "XXX":
      return offsetText(p.offsetMinutes);
    default:
      if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
      // An unknown letter is almost always a typo in the pattern; guessing would corrupt data.
      throw new TransformStepError("invalid-input", `unknown date pattern letter '${token}'`);
  }
}

/** Checks a pattern without formatting anything; returns the offending letter, if any. */
export function invalidDatePatternLetter(pattern: string): string | undefined {
  for (const match of pattern.matchAll(TOKEN)) {
    const token = match[0];
    if (token.length === 1 && !"MdHhmsa".includes(token)) return token;
  }
  return undefined;
}

/**
 * Formats a date in a date-fns-like pattern (yyyy-MM-dd, dd.MM.yyyy HH:mm, MMM d, yyyy). Text is
 * formatted as written (its own offset, or UTC when none), epoch numbers in UTC. Month and day
 * names are English: locale-specific output belongs in the target system, not in sync data.
 */
export function formatDate(value: unknown, pattern: string, locale?: string): string | null {
  if (value === null || value === undefined) return null;
  const parts = parseDateValue(value, locale);
  if (!parts) {
    throw new TransformStepError("invalid-input", `${describeValue(value)} is not a date`);
  }
  return pattern.replace(TOKEN, (token) => formatToken(token, parts));
}
