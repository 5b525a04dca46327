import type { TransformType } from "../definitions/transform";
import type { RecordValues } from "../model/describe";

export type TransformErrorCode =
  | "invalid-input"
  | "cast-failed"
  | "unmatched-value"
  | "expression-failed"
  | "decode-failed"
  | "no-reference-resolver";

/** Why one value could not be transformed; names the field, the transform and the value. */
export interface TransformFailure {
  code: TransformErrorCode;
  field: string;
  /** The failing transform, or "expression" for a mapping's own JSONata expression. */
  transform: TransformType | "expression";
  /** Position of the failing transform in the chain; -1 for the mapping expression. */
  index: number;
  value: unknown;
  message: string;
}

/** A foreign key whose parent has no link yet: the engine defers the record instead of failing it. */
export interface UnresolvedReference {
  field: string;
  object: string;
  sourceKey: string;
}

export type TransformResult =
  | { status: "ok"; value: unknown }
  | { status: "failed"; error: TransformFailure }
  | { status: "parent-not-linked"; reference: UnresolvedReference };

export interface TransformContext {
  /** Target field being produced, used in error messages. */
  field: string;
  /** The whole source record: calc expressions and multi-field joins read it. */
  record: RecordValues;
  /** Default locale for casts that do not name one. */
  locale?: string;
  /**
   * Resolves a parent's source key to the target side's key through the link table. The engine
   * preloads the links of a batch, so this is a synchronous map lookup.
   */
  resolveReference?: (object: string, sourceKey: string) => string | undefined;
}

/** Thrown by a single transform step; the chain turns it into a TransformFailure. */
export class TransformStepError extends Error {
  override readonly name = "TransformStepError";
  constructor(
    readonly code: TransformErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by callers that prefer exceptions (see `applyTransformChainOrThrow`). */
export class TransformError extends Error {
  override readonly name = "TransformError";
  constructor(readonly failure: TransformFailure) {
    super(
      `${failure.field}: ${failure.transform} (#${failure.index + 1}) failed for ${describeValue(failure.value)}: ${failure.message}`,
    );
  }
}

/** A short, safe rendering of a value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
