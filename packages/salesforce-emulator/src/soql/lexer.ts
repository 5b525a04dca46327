import { soqlError } from "./soql-error";

// SOQL tokenizer. Keywords are returned as identifiers; the parser matches them
// case-insensitively, since SOQL keywords are case-insensitive and may also be field names.

export type TokenKind = "ident" | "string" | "number" | "date" | "datetime" | "symbol" | "eof";

export interface Token {
  kind: TokenKind;
  /** Decoded value for strings, source text otherwise. */
  text: string;
  pos: number;
}

const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\dT])/y;
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?![\w.])/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const SYMBOLS = ["!=", "<>", "<=", ">=", "(", ")", ",", ".", ":", "=", "<", ">"];
const ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  "'": "'",
  '"': '"',
  "\\": "\\",
};

function matchAt(re: RegExp, src: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(src)?.[0];
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < src.length) {
    const ch = src.charAt(pos);
    if (/\s/.test(ch)) {
      pos++;
      continue;
    }
    if (ch === "'") {
      const { value, end } = readString(src, pos);
      tokens.push({ kind: "string", text: value, pos });
      pos = end;
      continue;
    }
    const scanned =
      scan("datetime", DATETIME) ??
      scan("date", DATE) ??
      scan("number", NUMBER) ??
      scan("ident", IDENT);
    if (scanned) {
      tokens.push(scanned);
      pos += scanned.text.length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => src.startsWith(s, pos));
    if (!symbol) throw soqlError("MALFORMED_QUERY", src, pos, `unexpected token: '${ch}'`);
    tokens.push({ kind: "symbol", text: symbol, pos });
    pos += symbol.length;
  }
  tokens.push({ kind: "eof", text: "<EOF>", pos: src.length });
  return tokens;

  function scan(kind: TokenKind, re: RegExp): Token | undefined {
    const text = matchAt(re, src, pos);
    return text ? { kind, text, pos } : undefined;
  }
}

function readString(src: string, start: number): { value: string; end: number } {
  let value = "";
  let pos = start + 1;
  while (pos < src.length) {
    const ch = src.charAt(pos);
    if (ch === "'") return { value, end: pos + 1 };
    if (ch === "\\") {
      const next = src.charAt(pos + 1);
      const decoded = ESCAPES[next];
      if (decoded !== undefined) value += decoded;
      else if (next === "%" || next === "_")
        value += `\\${next}`; // kept escaped for LIKE
      else
        throw soqlError(
          "MALFORMED_QUERY",
          src,
          pos,
          `Invalid string literal escape sequence: \\${next}`,
        );
      pos += 2;
      continue;
    }
    value += ch;
    pos++;
  }
  throw soqlError("MALFORMED_QUERY", src, start, "unterminated string literal");
}
