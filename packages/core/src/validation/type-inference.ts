import type { CastTarget, Transform } from "../definitions/transform";
import type { FieldType } from "../model/describe";

/** What the editor can know about a value's type while it moves through a transform chain. */
export type ValueKind =
  | "string"
  | "number"
  | "integer"
  | "boolean"
  | "date"
  | "datetime"
  | "array"
  | "unknown";

export function kindOfFieldType(type: FieldType): ValueKind {
  switch (type) {
    case "integer":
      return "integer";
    case "number":
    case "decimal":
      return "number";
    case "boolean":
      return "boolean";
    case "date":
      return "date";
    case "datetime":
      return "datetime";
    case "json":
      return "unknown";
    default:
      return "string";
  }
}

const NUMERIC: ValueKind[] = ["number", "integer"];
const TEMPORAL: ValueKind[] = ["date", "datetime"];

/** Whether a cast from `from` can succeed for some values (text can hold anything). */
export function castAllowed(from: ValueKind, to: CastTarget): boolean {
  if (from === "unknown" || from === "string" || to === "string") return true;
  if (from === "array") return false;
  if (NUMERIC.includes(from)) return true; // numbers cast to booleans (1/0) and dates (epoch ms)
  if (from === "boolean") return to === "boolean" || to === "number" || to === "integer";
  return TEMPORAL.includes(to); // date <-> datetime
}

/** Whether a target field of kind `target` can take a value of kind `value`. */
export function targetAccepts(target: ValueKind, value: ValueKind): boolean {
  if (target === "unknown" || value === "unknown" || target === value) return true;
  if (value === "array") return false;
  if (target === "string") return true; // numbers, booleans and dates are written as their text
  if (NUMERIC.includes(target) && NUMERIC.includes(value)) return true;
  return TEMPORAL.includes(target) && TEMPORAL.includes(value);
}

export interface ChainStep {
  index: number;
  transform: Transform;
  input: ValueKind;
  output: ValueKind;
}

/** The kind of value before and after each transform. */
export function inferChain(start: ValueKind, chain: readonly Transform[]): ChainStep[] {
  let current = start;
  return chain.map((transform, index) => {
    const output = outputKind(current, transform);
    const step = { index, transform, input: current, output };
    current = output;
    return step;
  });
}

function outputKind(input: ValueKind, transform: Transform): ValueKind {
  switch (transform.type) {
    case "cast":
      return transform.to;
    case "split":
      return transform.index === undefined ? "array" : "string";
    case "join":
    case "case":
    case "trim":
    case "escape":
    case "encode":
    case "date-format":
      return "string";
    case "reference":
      // Link keys are text, but the target column holds its own key type (often an integer).
      return "unknown";
    case "default":
      return input;
    case "replace":
    case "calc":
      return "unknown";
  }
}
