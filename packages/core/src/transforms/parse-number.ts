/**
 * Locale-aware number parsing. `Number("1.234,56")` is NaN and `parseFloat` silently stops at the
 * first odd character, so we read the locale's separators from Intl and validate the grouping.
 */

interface Separators {
  group: string;
  decimal: string;
}

const separatorCache = new Map<string, Separators>();

// Characters various locales use for digit grouping besides their own (fr uses narrow no-break
// space, de-CH a right single quote); all are accepted when the locale's group is one of them.
const SPACE_GROUPS = new Set([" ", "\u00a0", "\u202f"]);
const QUOTE_GROUPS = new Set(["'", "\u2019"]);

export function localeSeparators(locale: string): Separators {
  const cached = separatorCache.get(locale);
  if (cached) return cached;
  let group = ",";
  let decimal = ".";
  try {
    for (const part of new Intl.NumberFormat(locale).formatToParts(1234567.5)) {
      if (part.type === "group") group = part.value;
      if (part.type === "decimal") decimal = part.value;
    }
  } catch {
    throw new RangeError(`Unknown locale '${locale}'`);
  }
  const separators = { group, decimal };
  separatorCache.set(locale, separators);
  return separators;
}

function isGroupChar(char: string, group: string): boolean {
  if (char === group) return true;
  if (SPACE_GROUPS.has(group)) return SPACE_GROUPS.has(char);
  if (QUOTE_GROUPS.has(group)) return QUOTE_GROUPS.has(char);
  return false;
}

/** Parses text such as "1.234,56" (de-DE) or "-1,234.5" (en-US); undefined when it is not a number. */
export function parseLocaleNumber(text: string, locale = "en-US"): number | undefined {
  const { group, decimal } = localeSeparators(locale);
  let rest = text.trim();
  let sign = "";
  if (rest.startsWith("-") || rest.startsWith("+") || rest.startsWith("\u2212")) {
    sign = rest.startsWith("+") ? "" : "-";
    rest = rest.slice(1);
  }
  let exponent = "";
  const exponentMatch = /[eE][+-]?\d+$/.exec(rest);
  if (exponentMatch) {
    exponent = exponentMatch[0];
    rest = rest.slice(0, exponentMatch.index);
  }
  const decimalParts = rest.split(decimal);
  if (decimalParts.length > 2) return undefined;
  const [integerText = "", fraction] = decimalParts;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return undefined;

  // Split the integer part into groups; a separator is only valid between digit groups.
  const groups: string[] = [""];
  for (const char of integerText) {
    if (isGroupChar(char, group)) groups.push("");
    else groups[groups.length - 1] += char;
  }
  if (!groups.every((g) => /^\d+$/.test(g))) {
    // "" before a decimal separator (",5") is the only empty part allowed.
    if (!(groups.length === 1 && groups[0] === "" && fraction !== undefined)) return undefined;
  }
  if (groups.length > 1) {
    const [first = "", ...others] = groups;
    const last = others[others.length - 1] ?? "";
    // Western grouping is 3-3-3; Indian grouping (en-IN) is 2-2-3. Anything else ("1,5" in
    // en-US) is more likely a decimal in the wrong locale than a number, so it is refused.
    if (first.length > 3 || last.length !== 3 || others.some((g) => g.length < 2 || g.length > 3)) {
      return undefined;
    }
  }
  const normalized = `${sign}${groups.join("") || "0"}${fraction !== undefined ? `.${fraction}` : ""}${exponent}`;
  const value = Number(normalized);
  return Number.isFinite(value) ? value : undefined;
}
