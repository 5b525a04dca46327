import type { Mapping } from "../definitions/transform";
import type { RecordValues } from "../model/describe";
import { applyTransformChain } from "../transforms/apply-transform";
import { readPath } from "../transforms/text-transforms";
import type {
  TransformContext,
  TransformFailure,
  UnresolvedReference,
} from "../transforms/transform-result";
import { evaluateExpression } from "../util/jsonata";

export interface MappingContext {
  locale?: string;
  resolveReference?: TransformContext["resolveReference"];
}

export interface MappingResult {
  /** The target payload: only fields whose mapping succeeded. */
  values: RecordValues;
  errors: TransformFailure[];
  /** Parents not linked yet; a record with any of these is deferred, never written orphaned. */
  unresolvedReferences: UnresolvedReference[];
}

/**
 * Produces the target payload for one source record. Every mapping runs even after a failure so
 * the run log lists all of a record's problems at once.
 */
export async function applyMapping(
  source: RecordValues,
  mappings: readonly Mapping[],
  ctx: MappingContext = {},
): Promise<MappingResult> {
  const result: MappingResult = { values: {}, errors: [], unresolvedReferences: [] };
  for (const mapping of mappings) {
    let initial: unknown = null;
    if (mapping.source !== undefined) {
      initial = readPath(source, mapping.source);
    } else if (mapping.expression !== undefined) {
      const evaluated = await evaluateExpression(mapping.expression, source);
      if (!evaluated.ok) {
        result.errors.push({
          code: "expression-failed",
          field: mapping.target,
          transform: "expression",
          index: -1,
          value: null,
          message: evaluated.error.message,
        });
        continue;
      }
      initial = evaluated.value;
    }
    const transformCtx: TransformContext = {
      field: mapping.target,
      record: source,
      ...(ctx.locale ? { locale: ctx.locale } : {}),
      ...(ctx.resolveReference ? { resolveReference: ctx.resolveReference } : {}),
    };
    const outcome = await applyTransformChain(initial, mapping.transforms, transformCtx);
    if (outcome.status === "ok") result.values[mapping.target] = outcome.value;
    else if (outcome.status === "failed") result.errors.push(outcome.error);
    else result.unresolvedReferences.push(outcome.reference);
  }
  return result;
}
