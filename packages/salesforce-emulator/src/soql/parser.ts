import type { ComparisonOp, Condition, FieldRef, Literal, OrderItem, SoqlQuery } from "./ast";
import { type Token, tokenize } from "./lexer";
import { soqlError } from "./soql-error";

// Recursive-descent parser for:
//   SELECT (COUNT() | field, ...) FROM object [WHERE cond] [ORDER BY item, ...] [LIMIT n] [OFFSET n]
//   cond    := term ((AND term)* | (OR term)*)     -- mixing AND/OR needs parentheses, as in SOQL
//   term    := NOT term | '(' cond ')' | field op literal | field [NOT] IN (literal, ...) | field LIKE string
// Everything else is reported as MALFORMED_QUERY.

const COMPARISON_OPS = new Map<string, ComparisonOp>([
  ["=", "="],
  ["!=", "!="],
  ["<>", "!="],
  ["<", "<"],
  ["<=", "<="],
  [">", ">"],
  [">=", ">="],
]);
const UNSUPPORTED_CLAUSES = new Set([
  "GROUP",
  "HAVING",
  "WITH",
  "FOR",
  "USING",
  "TYPEOF",
  "UPDATE",
]);
const KEYWORDS = new Set([
  "SELECT",
  "FROM",
  "WHERE",
  "ORDER",
  "BY",
  "LIMIT",
  "OFFSET",
  "AND",
  "OR",
  "NOT",
  "IN",
  "LIKE",
  "ASC",
  "DESC",
  "NULLS",
  "FIRST",
  "LAST",
  "NULL",
  "TRUE",
  "FALSE",
  ...UNSUPPORTED_CLAUSES,
]);

export function parseSoql(soql: string): SoqlQuery {
  return new Parser(soql).parseQuery();
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly soql: string) {
    this.tokens = tokenize(soql);
  }

  parseQuery(): SoqlQuery {
    this.expectKeyword("SELECT");
    let count = false;
    const fields: FieldRef[] = [];
    if (this.isKeyword("COUNT") && this.peek(1).text === "(") {
      this.index++;
      this.expectSymbol("(");
      if (!this.isSymbol(")"))
        throw this.error(
          this.peek(),
          "COUNT(fieldName) is not supported by this emulator; use COUNT()",
        );
      this.expectSymbol(")");
      count = true;
    } else {
      do fields.push(this.parseSelectField());
      while (this.acceptSymbol(","));
    }
    this.expectKeyword("FROM");
    const objectToken = this.expectIdent("object name");
    if (this.peek().kind === "ident" && !KEYWORDS.has(this.peek().text.toUpperCase())) {
      throw this.error(this.peek(), "object aliases are not supported by this emulator");
    }
    const where = this.acceptKeyword("WHERE") ? this.parseCondition() : null;
    const orderBy: OrderItem[] = [];
    if (this.acceptKeyword("ORDER")) {
      this.expectKeyword("BY");
      do orderBy.push(this.parseOrderItem());
      while (this.acceptSymbol(","));
    }
    const limit = this.acceptKeyword("LIMIT") ? this.parseNonNegativeInt() : null;
    const offset = this.acceptKeyword("OFFSET") ? this.parseNonNegativeInt() : null;
    const rest = this.peek();
    if (rest.kind !== "eof") {
      const upper = rest.text.toUpperCase();
      const reason = UNSUPPORTED_CLAUSES.has(upper)
        ? `${upper} is not supported by this emulator`
        : `unexpected token: '${rest.text}'`;
      throw this.error(rest, reason);
    }
    return {
      object: objectToken.text,
      objectPos: objectToken.pos,
      count,
      fields,
      where,
      orderBy,
      limit,
      offset,
    };
  }

  private parseSelectField(): FieldRef {
    const t = this.peek();
    if (this.isSymbol("("))
      throw this.error(t, "relationship subqueries are not supported by this emulator");
    if (t.kind === "ident" && this.peek(1).text === "(") {
      throw this.error(t, `function ${t.text}() is not supported by this emulator`);
    }
    return this.parseFieldRef();
  }

  private parseFieldRef(): FieldRef {
    const first = this.expectIdent("field name");
    const path = [first.text];
    while (this.acceptSymbol(".")) path.push(this.expectIdent("field name").text);
    return { path, pos: first.pos };
  }

  private parseCondition(): Condition {
    const first = this.parseTerm();
    const items = [first];
    let joiner: "AND" | "OR" | null = null;
    while (this.isKeyword("AND") || this.isKeyword("OR")) {
      const t = this.next();
      const op = t.text.toUpperCase() === "AND" ? "AND" : "OR";
      if (joiner && joiner !== op)
        throw this.error(
          t,
          `unexpected token: '${t.text}' (use parentheses when mixing AND and OR)`,
        );
      joiner = op;
      items.push(this.parseTerm());
    }
    if (!joiner) return first;
    return { type: joiner === "AND" ? "and" : "or", items };
  }

  private parseTerm(): Condition {
    if (this.acceptKeyword("NOT")) return { type: "not", item: this.parseTerm() };
    if (this.acceptSymbol("(")) {
      const inner = this.parseCondition();
      this.expectSymbol(")");
      return inner;
    }
    const field = this.parseFieldRef();
    const t = this.peek();
    if (this.acceptKeyword("LIKE")) {
      const pattern = this.parseLiteral();
      return { type: "like", field, pattern };
    }
    const negated = this.isKeyword("NOT") && this.peek(1).text.toUpperCase() === "IN";
    if (negated) this.index++;
    if (this.acceptKeyword("IN")) {
      this.expectSymbol("(");
      if (this.isKeyword("SELECT"))
        throw this.error(this.peek(), "semi-join subqueries are not supported by this emulator");
      const values: Literal[] = [];
      do values.push(this.parseLiteral());
      while (this.acceptSymbol(","));
      this.expectSymbol(")");
      return { type: "in", field, negated, values };
    }
    const op = t.kind === "symbol" ? COMPARISON_OPS.get(t.text) : undefined;
    if (op) {
      this.index++;
      return { type: "compare", field, op, value: this.parseLiteral() };
    }
    throw this.error(t, `unexpected token: '${t.text}'`);
  }

  private parseLiteral(): Literal {
    const t = this.next();
    switch (t.kind) {
      case "string":
        return { kind: "string", value: t.text, pos: t.pos };
      case "number":
        return { kind: "number", value: Number(t.text), pos: t.pos };
      case "date":
        return { kind: "date", value: t.text, pos: t.pos };
      case "datetime":
        return { kind: "datetime", value: t.text, pos: t.pos };
      case "ident": {
        const upper = t.text.toUpperCase();
        if (upper === "NULL") return { kind: "null", pos: t.pos };
        if (upper === "TRUE" || upper === "FALSE")
          return { kind: "boolean", value: upper === "TRUE", pos: t.pos };
        if (this.acceptSymbol(":")) {
          const n = this.next();
          if (n.kind !== "number" || !/^\d+$/.test(n.text))
            throw this.error(n, `unexpected token: '${n.text}'`);
          return { kind: "dateLiteral", name: upper, n: Number(n.text), pos: t.pos };
        }
        if (this.peek().text === "(")
          throw this.error(t, `function ${t.text}() is not supported by this emulator`);
        return { kind: "dateLiteral", name: upper, n: null, pos: t.pos };
      }
      default:
        throw this.error(t, `unexpected token: '${t.text}'`);
    }
  }

  private parseOrderItem(): OrderItem {
    const field = this.parseFieldRef();
    let descending = false;
    if (this.acceptKeyword("DESC")) descending = true;
    else this.acceptKeyword("ASC");
    // Salesforce sorts nulls first unless told otherwise.
    let nullsLast = false;
    if (this.acceptKeyword("NULLS")) {
      if (this.acceptKeyword("LAST")) nullsLast = true;
      else this.expectKeyword("FIRST");
    }
    return { field, descending, nullsLast };
  }

  private parseNonNegativeInt(): number {
    const t = this.next();
    if (t.kind !== "number" || !/^\d+$/.test(t.text))
      throw this.error(t, `unexpected token: '${t.text}'`);
    return Number(t.text);
  }

  private peek(ahead = 0): Token {
    return (
      this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] ?? {
        kind: "eof",
        text: "<EOF>",
        pos: 0,
      }
    );
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.index++;
    return t;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === "ident" && t.text.toUpperCase() === word;
  }

  private isSymbol(symbol: string): boolean {
    const t = this.peek();
    return t.kind === "symbol" && t.text === symbol;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.index++;
    return true;
  }

  private acceptSymbol(symbol: string): boolean {
    if (!this.isSymbol(symbol)) return false;
    this.index++;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word))
      throw this.error(this.peek(), `unexpected token: '${this.peek().text}' (expected ${word})`);
  }

  private expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol))
      throw this.error(
        this.peek(),
        `unexpected token: '${this.peek().text}' (expected '${symbol}')`,
      );
  }

  private expectIdent(what: string): Token {
    const t = this.peek();
    if (t.kind !== "ident") throw this.error(t, `unexpected token: '${t.text}' (expected ${what})`);
    this.index++;
    return t;
  }

  private error(t: Token, reason: string) {
    return soqlError("MALFORMED_QUERY", this.soql, t.pos, reason);
  }
}
