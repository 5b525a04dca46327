import { TRPCError } from "@trpc/server";

/**
 * Why access was refused, machine-readable so the browser can react (send the user to
 * /change-password or /sign-in) without parsing the message. The errorFormatter exposes it.
 */
export type AccessReason =
  | "SIGN_IN_REQUIRED"
  | "PASSWORD_CHANGE_REQUIRED"
  | "ROLE_REQUIRED"
  | "TOKEN_NOT_ALLOWED"
  | "TOKEN_SCOPE"
  | "NO_ROLE_DECLARED"
  | "CSRF"
  | "RATE_LIMITED";

export class AccessDenied extends Error {
  override readonly name = "AccessDenied";
  constructor(
    readonly reason: AccessReason,
    message: string,
  ) {
    super(message);
  }
}

export function denied(
  code: "UNAUTHORIZED" | "FORBIDDEN" | "TOO_MANY_REQUESTS",
  reason: AccessReason,
  message: string,
): TRPCError {
  return new TRPCError({ code, message, cause: new AccessDenied(reason, message) });
}
