import type { Connector } from "@duplex/connectors";
import type { Database } from "@duplex/db";

/**
 * What the editor's procedures need from the outside world. The router context provides it; tests
 * pass a real database and connectors built from real test systems.
 */
export interface EditorDeps {
  db: Database;
  /** Opens the connector of a stored connection (secrets unsealed server-side); callers close it. */
  openConnector(connectionId: string): Promise<Connector>;
}

/** A refusal the router turns into a tRPC error with this code; the message is shown to the user. */
export class EditorError extends Error {
  override readonly name = "EditorError";
  constructor(
    readonly code: "NOT_FOUND" | "BAD_REQUEST" | "CONFLICT",
    message: string,
  ) {
    super(message);
  }
}

export async function withConnector<T>(
  deps: EditorDeps,
  connectionId: string,
  use: (connector: Connector) => Promise<T>,
): Promise<T> {
  const connector = await deps.openConnector(connectionId);
  try {
    return await use(connector);
  } finally {
    await connector.close().catch(() => {});
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
