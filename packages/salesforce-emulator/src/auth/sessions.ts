import { randomBytes } from "node:crypto";
import { ApiError } from "../server/api-error";
import type { Session } from "../server/http-types";

// Access tokens look like real ones ("<orgId>!<opaque>") and live in memory only: a restarted
// emulator invalidates them, just as an org would on session reset.

export const invalidSession = (): ApiError =>
  new ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid");

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly orgId: string,
    private readonly ttlSeconds: number,
    private readonly clock: () => number,
  ) {}

  issue(userId: string): Session {
    const token = `${this.orgId.slice(0, 15)}!${randomBytes(48).toString("base64url")}`;
    const session = { token, userId, expiresAt: this.clock() + this.ttlSeconds * 1000 };
    this.sessions.set(token, session);
    return session;
  }

  /** Resolves a bearer token; throws INVALID_SESSION_ID for missing, unknown, or expired ones. */
  verify(token: string | undefined): Session {
    if (!token) throw invalidSession();
    const session = this.sessions.get(token);
    if (!session) throw invalidSession();
    if (session.expiresAt <= this.clock()) {
      this.sessions.delete(token);
      throw invalidSession();
    }
    return session;
  }

  revoke(token: string): boolean {
    return this.sessions.delete(token);
  }

  /** Test hook: expire every session now. */
  expireAll(): void {
    this.sessions.clear();
  }
}

export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme, token] = authorization.trim().split(/\s+/, 2);
  if (!scheme || !token) return undefined;
  const lower = scheme.toLowerCase();
  return lower === "bearer" || lower === "oauth" ? token : undefined;
}
