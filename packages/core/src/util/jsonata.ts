import jsonata from "jsonata";
import { z } from "zod";

/** jsonata's errors carry a code and a character position; parse them rather than trusting shape. */
const jsonataErrorSchema = z.object({
  message: z.string(),
  code: z.string().optional(),
  position: z.number().optional(),
});

export interface ExpressionError {
  message: string;
  code?: string;
  position?: number;
}

function toExpressionError(error: unknown): ExpressionError {
  const parsed = jsonataErrorSchema.safeParse(error);
  if (!parsed.success) return { message: String(error) };
  const { message, code, position } = parsed.data;
  return { message, ...(code ? { code } : {}), ...(position !== undefined ? { position } : {}) };
}

// Compiling is the expensive part and the same few expressions run for every record of a batch.
const compiled = new Map<string, jsonata.Expression>();
const MAX_CACHED = 500;

function compile(expression: string): jsonata.Expression {
  const hit = compiled.get(expression);
  if (hit) return hit;
  const compiledExpression = jsonata(expression);
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(expression, compiledExpression);
  return compiledExpression;
}

/** Syntax check: jsonata throws while parsing, so this needs no evaluation. */
export function checkExpression(expression: string): ExpressionError | null {
  try {
    compile(expression);
    return null;
  } catch (error) {
    return toExpressionError(error);
  }
}

export type EvaluationResult = { ok: true; value: unknown } | { ok: false; error: ExpressionError };

/**
 * Evaluates an expression against an input. JSONata returns `undefined` for paths that match
 * nothing; we keep it as `undefined` so callers can tell "no value" from null.
 */
export async function evaluateExpression(
  expression: string,
  input: unknown,
  bindings?: Record<string, unknown>,
): Promise<EvaluationResult> {
  try {
    const value: unknown = await compile(expression).evaluate(input, bindings);
    return { ok: true, value: normalizeSequence(value) };
  } catch (error) {
    return { ok: false, error: toExpressionError(error) };
  }
}

/**
 * jsonata marks result arrays with a hidden `sequence` property; copying makes them plain arrays
 * so results compare and serialize like any other JSON value.
 */
function normalizeSequence(value: unknown): unknown {
  return Array.isArray(value) ? Array.from(value, normalizeSequence) : value;
}
