import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { AccessDenied, denied } from "./access/errors";
import { type ProcedureMeta, type Role, roleSatisfies } from "./access/roles";
import type { Context, SessionContext } from "./context";

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

function issuesOf(cause: unknown): ValidationIssue[] | null {
  if (!(cause instanceof z.ZodError)) return null;
  return cause.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === "number" ? part : String(part))),
    message: issue.message,
  }));
}

function describeIssues(issues: ValidationIssue[]): string {
  const shown = issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  return `Invalid input: ${shown.join("; ")}${more}`;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    /**
     * Bad input is the caller's fault: a clean BAD_REQUEST listing each problem. Server faults
     * never echo their message (it may name hosts, SQL or worse); the handler logs them instead.
     */
    errorFormatter({ shape, error }) {
      const issues = issuesOf(error.cause);
      const reason = error.cause instanceof AccessDenied ? error.cause.reason : null;
      const message =
        error.code === "INTERNAL_SERVER_ERROR"
          ? "Something went wrong on the server; the error has been logged."
          : issues
            ? describeIssues(issues)
            : shape.message;
      return {
        message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          issues,
          reason,
        },
      };
    },
  });

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

/**
 * The one gate every procedure passes. It enforces the procedure's own `meta`, so what a procedure
 * declares is exactly what is enforced; a procedure without a declared role is refused outright.
 */
const enforceAccess = t.middleware(({ ctx, meta, next }) => {
  if (!meta?.role) {
    throw denied(
      "FORBIDDEN",
      "NO_ROLE_DECLARED",
      "This procedure declares no role, so nobody may call it.",
    );
  }
  if (meta.role === "public") return next();
  // Invoke-only tokens; automation tokens (with a role) carry a session and are judged below.
  if (ctx.apiToken && !ctx.apiToken.role) {
    if (meta.tokenInvocable) return next();
    throw denied(
      "FORBIDDEN",
      "TOKEN_NOT_ALLOWED",
      "API tokens may only invoke syncs; sign in to do anything else.",
    );
  }
  const session = ctx.session;
  if (!session) throw denied("UNAUTHORIZED", "SIGN_IN_REQUIRED", "Sign in to continue.");
  if (session.user.mustChangePassword && !meta.allowPendingPasswordChange) {
    throw denied(
      "FORBIDDEN",
      "PASSWORD_CHANGE_REQUIRED",
      "You must change your one-time password before doing anything else.",
    );
  }
  if (!roleSatisfies(session.user.role, meta.role)) {
    throw denied(
      "FORBIDDEN",
      "ROLE_REQUIRED",
      `This needs the ${meta.role} role; you are signed in as ${session.user.role}.`,
    );
  }
  return next();
});

const baseProcedure = t.procedure.use(enforceAccess);

/** Callable without signing in. Only sign-in should use this. */
export const publicProcedure = baseProcedure.meta({ role: "public" });

/** Signed in with at least `role`; `ctx.session` is non-null inside. */
export function requireRole(role: Role) {
  return baseProcedure.meta({ role }).use(({ ctx, next }) => {
    const session: SessionContext | null = ctx.session;
    // enforceAccess already refused anonymous callers; this only narrows the type.
    if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
    return next({ ctx: { session } });
  });
}

/** Any signed-in user (every role satisfies viewer). */
export const authedProcedure = requireRole("viewer");

/**
 * Operators and API tokens. Do not use directly: `tokenProcedure` (access/token-access.ts) adds
 * the per-sync scope check that makes token access safe.
 */
export const tokenInvocableProcedure = baseProcedure.meta({
  role: "operator",
  tokenInvocable: true,
});
