import { ConnectorError } from "@duplex/connectors";
import { TRPCError } from "@trpc/server";
import { openConnection } from "../connections/connection-service";
import type { Context } from "../context";
import { type EditorDeps, EditorError } from "./deps";

/** The editor's dependencies from a request context: connectors open through the one unsealer. */
export function editorDeps(ctx: Pick<Context, "db" | "keyRing">): EditorDeps {
  return { db: ctx.db, openConnector: (id) => openConnection(ctx, id) };
}

/**
 * Runs a service call and turns its refusals into tRPC errors whose message the UI shows as is.
 * Connector failures (unreachable host, bad credentials) are the user's to fix, so they are
 * reported too, instead of the generic server-error text.
 */
export async function editorCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof EditorError)
      throw new TRPCError({ code: error.code, message: error.message, cause: error });
    if (error instanceof ConnectorError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
    }
    throw error;
  }
}
