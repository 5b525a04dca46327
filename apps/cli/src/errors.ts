/** A mistake in how the command was called or in its input files; printed as one line, exit 1. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    /** Extra lines (each problem of a definition document) printed after the message. */
    readonly details: string[] = [],
  ) {
    super(message);
  }
}
