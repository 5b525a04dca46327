import type { SessionUser } from "@duplex/db";
import { z } from "zod";
import type { ApiTokenContext, Context } from "../context";
import { tokenInvocableProcedure } from "../trpc";
import { denied } from "./errors";
import { roleSatisfies } from "./roles";

export type SyncInvoker =
  | { kind: "user"; user: SessionUser }
  | { kind: "token"; token: ApiTokenContext };

/**
 * Whether the caller may invoke (run) sync `syncId`: an API token only for the syncs in its scope,
 * a signed-in user only with the operator role (or admin). Throws FORBIDDEN/UNAUTHORIZED otherwise.
 * Use it in any procedure that starts a sync; `tokenProcedure` calls it for you.
 */
export function assertTokenMayInvoke(
  ctx: Pick<Context, "apiToken" | "session">,
  syncId: string,
): SyncInvoker {
  if (ctx.apiToken && !ctx.apiToken.role) {
    if (ctx.apiToken.syncIds.includes(syncId)) return { kind: "token", token: ctx.apiToken };
    throw denied("FORBIDDEN", "TOKEN_SCOPE", "This API token may not invoke that sync.");
  }
  const session = ctx.session;
  if (!session) throw denied("UNAUTHORIZED", "SIGN_IN_REQUIRED", "Sign in to continue.");
  if (!roleSatisfies(session.user.role, "operator")) {
    throw denied("FORBIDDEN", "ROLE_REQUIRED", "Invoking a sync needs the operator role.");
  }
  return { kind: "user", user: session.user };
}

export const syncInvocationInputSchema = z.object({ syncId: z.uuid() });

/**
 * For procedures that invoke a sync and may be called with an API token (seed 003: developers may
 * invoke a sync programmatically but not change its settings). Its input includes `syncId`
 * (extend with `.input(...)`), and the scope check has run before your resolver sees
 * `ctx.invoker`. Signed-in callers need the operator role.
 */
export const tokenProcedure = tokenInvocableProcedure
  .input(syncInvocationInputSchema)
  .use(({ ctx, input, next }) =>
    next({ ctx: { invoker: assertTokenMayInvoke(ctx, input.syncId) } }),
  );
