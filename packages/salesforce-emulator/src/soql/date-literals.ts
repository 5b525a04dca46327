// SOQL relative date literals (TODAY, LAST_N_DAYS:n, ...) as half-open UTC ranges [start, end).
// The emulator's org runs in UTC with weeks starting on Sunday (the en_US locale).

const DAY = 86_400_000;

export interface DateRange {
  start: number;
  end: number;
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function monthRange(now: Date, offset: number): DateRange {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + offset;
  return { start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1) };
}

function yearRange(now: Date, offset: number): DateRange {
  const y = now.getUTCFullYear() + offset;
  return { start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
}

function weekRange(today: number, offset: number): DateRange {
  const start = today - new Date(today).getUTCDay() * DAY + offset * 7 * DAY;
  return { start, end: start + 7 * DAY };
}

/** The range for a literal, or undefined when the literal is unknown or needs/forbids `:n`. */
export function dateLiteralRange(
  name: string,
  n: number | null,
  nowMs: number,
): DateRange | undefined {
  const today = startOfDay(nowMs);
  const now = new Date(nowMs);
  if (n !== null) {
    switch (name) {
      case "LAST_N_DAYS":
        return { start: today - n * DAY, end: today + DAY };
      case "NEXT_N_DAYS":
        return { start: today + DAY, end: today + (n + 1) * DAY };
      case "LAST_N_WEEKS":
        return { start: weekRange(today, -n).start, end: weekRange(today, 0).start };
      case "NEXT_N_WEEKS":
        return { start: weekRange(today, 1).start, end: weekRange(today, n + 1).start };
      case "LAST_N_MONTHS":
        return { start: monthRange(now, -n).start, end: monthRange(now, 0).start };
      case "NEXT_N_MONTHS":
        return { start: monthRange(now, 1).start, end: monthRange(now, n + 1).start };
      default:
        return undefined;
    }
  }
  switch (name) {
    case "TODAY":
      return { start: today, end: today + DAY };
    case "YESTERDAY":
      return { start: today - DAY, end: today };
    case "TOMORROW":
      return { start: today + DAY, end: today + 2 * DAY };
    case "LAST_WEEK":
      return weekRange(today, -1);
    case "THIS_WEEK":
      return weekRange(today, 0);
    case "NEXT_WEEK":
      return weekRange(today, 1);
    case "LAST_MONTH":
      return monthRange(now, -1);
    case "THIS_MONTH":
      return monthRange(now, 0);
    case "NEXT_MONTH":
      return monthRange(now, 1);
    case "LAST_YEAR":
      return yearRange(now, -1);
    case "THIS_YEAR":
      return yearRange(now, 0);
    case "NEXT_YEAR":
      return yearRange(now, 1);
    case "LAST_90_DAYS":
      return { start: today - 90 * DAY, end: today + DAY };
    case "NEXT_90_DAYS":
      return { start: today + DAY, end: today + 91 * DAY };
    default:
      return undefined;
  }
}
