import type { Transform } from "../definitions/transform";
import { evaluateExpression } from "../util/jsonata";
import { castValue } from "./cast";
import { formatDate } from "./date-format";
import { applyEncode } from "./encoding";
import {
  applyCase,
  applyDefault,
  applyEscape,
  applyJoin,
  applyReplace,
  applySplit,
  applyTrim,
  asText,
} from "./text-transforms";
import {
  type TransformContext,
  TransformError,
  type TransformResult,
  TransformStepError,
} from "./transform-result";

type StepResult = { value: unknown } | { parentNotLinked: { object: string; sourceKey: string } };

async function applyStep(
  value: unknown,
  transform: Transform,
  ctx: TransformContext,
): Promise<StepResult> {
  switch (transform.type) {
    case "cast":
      return { value: castValue(value, transform.to, transform.locale ?? ctx.locale) };
    case "replace":
      return { value: applyReplace(value, transform) };
    case "calc": {
      const result = await evaluateExpression(transform.expression, ctx.record, { value });
      if (!result.ok) throw new TransformStepError("expression-failed", result.error.message);
      return { value: result.value ?? null };
    }
    case "split":
      return { value: applySplit(value, transform) };
    case "join":
      return { value: applyJoin(value, transform, ctx.record) };
    case "case":
      return { value: applyCase(value, transform.to) };
    case "trim":
      return { value: applyTrim(value, transform.collapseWhitespace) };
    case "default":
      return { value: applyDefault(value, transform) };
    case "date-format":
      return { value: formatDate(value, transform.pattern, ctx.locale) };
    case "escape":
      return { value: applyEscape(value, transform.format) };
    case "encode":
      return { value: applyEncode(value, transform.format) };
    case "reference": {
      // A null foreign key means "no parent": nothing to resolve, nothing to defer.
      if (value === null || value === undefined || value === "") return { value: null };
      if (!ctx.resolveReference) {
        throw new TransformStepError(
          "no-reference-resolver",
          "no link table available to resolve references",
        );
      }
      const sourceKey = asText(value, "reference");
      const resolved = ctx.resolveReference(transform.object, sourceKey);
      if (resolved === undefined)
        return { parentNotLinked: { object: transform.object, sourceKey } };
      return { value: resolved };
    }
  }
}

/**
 * Runs a chain of transforms in order. Failures do not throw: a bad value fails its record, not
 * the batch, so the result says which field, which transform and which value went wrong.
 */
export async function applyTransformChain(
  value: unknown,
  chain: readonly Transform[],
  ctx: TransformContext,
): Promise<TransformResult> {
  let current: unknown = value === undefined ? null : value;
  for (const [index, transform] of chain.entries()) {
    try {
      const step = await applyStep(current, transform, ctx);
      if ("parentNotLinked" in step) {
        return {
          status: "parent-not-linked",
          reference: { field: ctx.field, ...step.parentNotLinked },
        };
      }
      current = step.value;
    } catch (error) {
      const isStepError = error instanceof TransformStepError;
      return {
        status: "failed",
        error: {
          code: isStepError ? error.code : "invalid-input",
          field: ctx.field,
          transform: transform.type,
          index,
          value: current,
          message: error instanceof Error ? error.message : String(error),
        },
      };
    }
  }
  return { status: "ok", value: current };
}

/** Like applyTransformChain, for callers that want the value or an exception. */
export async function applyTransformChainOrThrow(
  value: unknown,
  chain: readonly Transform[],
  ctx: TransformContext,
): Promise<unknown> {
  const result = await applyTransformChain(value, chain, ctx);
  if (result.status === "ok") return result.value;
  if (result.status === "failed") throw new TransformError(result.error);
  throw new TransformError({
    code: "invalid-input",
    field: result.reference.field,
    transform: "reference",
    index: chain.findIndex((t) => t.type === "reference"),
    value: result.reference.sourceKey,
    message: `parent '${result.reference.object}' ${result.reference.sourceKey} is not linked yet`,
  });
}
