/**
 * A problem the person starting Duplex can fix. The entry points print only its message (one
 * sentence naming the problem and the fix) and exit with code 1, never a stack dump.
 */
export class StartupError extends Error {
  override readonly name = "StartupError";
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
