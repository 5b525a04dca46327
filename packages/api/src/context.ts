import type {
  ApiTokenSummary,
  Database,
  KeyRing,
  SessionPolicy,
  SessionUser,
  SignInThrottlePolicy,
} from "@duplex/db";
import {
  defaultSessionPolicy,
  defaultSignInThrottlePolicy,
  findAccount,
  findActiveApiToken,
  findActiveSession,
} from "@duplex/db";
import type { Client } from "@temporalio/client";
import { roleSatisfies } from "./access/roles";
import { type AuditInput, writeAudit } from "./audit";

export interface SessionContext {
  user: SessionUser;
  tokenHash: string;
  expiresAt: Date;
}

export type ApiTokenContext = Pick<
  ApiTokenSummary,
  "id" | "name" | "syncIds" | "createdBy" | "role"
>;

/**
 * How procedures set or clear the session cookie without knowing about HTTP. The fetch handler
 * turns these calls into Set-Cookie headers; tests record them.
 */
export interface SessionCookieWriter {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
}

export interface Context {
  db: Database;
  keyRing: KeyRing;
  session: SessionContext | null;
  apiToken: ApiTokenContext | null;
  ip: string | null;
  userAgent: string | null;
  now(): Date;
  policy: { session: SessionPolicy; signIn: SignInThrottlePolicy };
  cookies: SessionCookieWriter;
  /** Appends to the audit log as the current caller; see audit.ts for the rules on details. */
  audit(entry: AuditInput): Promise<void>;
  /** The Temporal client, connected on first use (sync lifecycle, run now, replay). */
  temporal: () => Promise<Client>;
  /** The task queue Duplex workers poll. */
  taskQueue: string;
}

export interface ContextOptions {
  db: Database;
  keyRing: KeyRing;
  /** The raw session cookie value, if the request carried one. */
  sessionToken?: string | null;
  /** The raw `Authorization: Bearer` value, if any. It wins over the cookie. */
  bearerToken?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  now?: () => Date;
  policy?: Partial<Context["policy"]>;
  cookies?: SessionCookieWriter;
  temporal?: () => Promise<Client>;
  taskQueue?: string;
}

const ignoreCookies: SessionCookieWriter = { setSession() {}, clearSession() {} };

// Servers that never start workflows (and most router tests) need no Temporal connection.
const noTemporal = () =>
  Promise.reject(new Error("This server has no Temporal connection configured."));

/**
 * An automation token (one created with a role) acts as its creator with at most that role, so
 * it can never exceed what the admin who made it may do. A token whose creator no longer holds
 * the role falls back to invoke-only.
 */
async function automationSession(
  db: Database,
  token: ApiTokenContext,
  now: () => Date,
): Promise<SessionContext | null> {
  if (!token.role || !token.createdBy) return null;
  const creator = await findAccount(db, token.createdBy);
  if (!creator || creator.disabledAt || !roleSatisfies(creator.role, token.role)) {
    token.role = null;
    return null;
  }
  return {
    user: {
      id: creator.id,
      username: creator.username,
      email: creator.email,
      role: token.role,
      mustChangePassword: creator.mustChangePassword,
    },
    tokenHash: `api-token:${token.id}`,
    expiresAt: new Date(now().getTime() + 3_600_000),
  };
}

/**
 * Resolves who is calling. A request presenting a bearer token is judged by the token alone,
 * even if it also carries a cookie, so a token can never borrow a browser session's role.
 */
export async function createContext(options: ContextOptions): Promise<Context> {
  const now = options.now ?? (() => new Date());
  const policy = {
    session: options.policy?.session ?? defaultSessionPolicy,
    signIn: options.policy?.signIn ?? defaultSignInThrottlePolicy,
  };
  let session: SessionContext | null = null;
  let apiToken: ApiTokenContext | null = null;
  if (options.bearerToken) {
    const found = await findActiveApiToken(options.db, options.bearerToken, now());
    apiToken = found
      ? {
          id: found.id,
          name: found.name,
          syncIds: found.syncIds,
          createdBy: found.createdBy,
          role: found.role,
        }
      : null;
    if (apiToken) session = await automationSession(options.db, apiToken, now);
  } else if (options.sessionToken) {
    session = await findActiveSession(options.db, options.sessionToken, policy.session, now());
  }
  const ctx: Context = {
    db: options.db,
    keyRing: options.keyRing,
    session,
    apiToken,
    ip: options.ip ?? null,
    userAgent: options.userAgent ?? null,
    now,
    policy,
    cookies: options.cookies ?? ignoreCookies,
    audit: (entry) => writeAudit(ctx, entry),
    temporal: options.temporal ?? noTemporal,
    taskQueue: options.taskQueue ?? "duplex",
  };
  return ctx;
}
