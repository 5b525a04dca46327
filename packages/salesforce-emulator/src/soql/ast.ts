// Syntax tree for the SOQL subset the emulator understands.

export interface FieldRef {
  /** Dotted path as written, e.g. ["Account", "Name"]. */
  path: string[];
  pos: number;
}

export type Literal =
  | { kind: "string"; value: string; pos: number }
  | { kind: "number"; value: number; pos: number }
  | { kind: "boolean"; value: boolean; pos: number }
  | { kind: "null"; pos: number }
  | { kind: "date"; value: string; pos: number }
  | { kind: "datetime"; value: string; pos: number }
  | { kind: "dateLiteral"; name: string; n: number | null; pos: number };

export type ComparisonOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type Condition =
  | { type: "and"; items: Condition[] }
  | { type: "or"; items: Condition[] }
  | { type: "not"; item: Condition }
  | { type: "compare"; field: FieldRef; op: ComparisonOp; value: Literal }
  | { type: "in"; field: FieldRef; negated: boolean; values: Literal[] }
  | { type: "like"; field: FieldRef; pattern: Literal };

export interface OrderItem {
  field: FieldRef;
  descending: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  object: string;
  objectPos: number;
  /** SELECT COUNT() */
  count: boolean;
  fields: FieldRef[];
  where: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
}
