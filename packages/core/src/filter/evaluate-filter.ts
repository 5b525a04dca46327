import type { RecordValues } from "../model/describe";
import { describeValue } from "../transforms/transform-result";
import { evaluateExpression } from "../util/jsonata";

export class FilterError extends Error {
  override readonly name = "FilterError";
  constructor(
    message: string,
    readonly expression: string,
    readonly result?: unknown,
  ) {
    super(message);
  }
}

/**
 * Evaluates a filter condition. Anything but a boolean is an error rather than JavaScript
 * truthiness: "0", [] or a missing field silently passing or dropping records is worse than a
 * clear message telling the user to write `Status = "Active"` or wrap the value in $boolean().
 */
export async function evaluateFilter(expression: string, record: RecordValues): Promise<boolean> {
  const evaluated = await evaluateExpression(expression, record);
  if (!evaluated.ok) {
    throw new FilterError(`Filter '${expression}' failed: ${evaluated.error.message}`, expression);
  }
  const { value } = evaluated;
  if (typeof value === "boolean") return value;
  const got = value === undefined ? "no value (a field it reads is missing)" : describeValue(value);
  throw new FilterError(
    `Filter '${expression}' must return true or false, got ${got}; compare explicitly or use $boolean()`,
    expression,
    value,
  );
}
