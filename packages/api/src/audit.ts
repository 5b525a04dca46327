import { insertAuditEntry } from "@duplex/db";
import type { Context } from "./context";

export interface AuditInput {
  /** Dotted verb, e.g. "connection.update", "user.disable". */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** What changed, for humans. Never secrets: keys that look secret are replaced anyway. */
  details?: Record<string, unknown>;
}

// A backstop, not the primary defence: callers should not pass secrets at all.
const SECRET_KEY =
  /pass(word|phrase)?|secret|token|private.?key|api.?key|authorization|cookie|credential|connectionstring/i;

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[too deep]";
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? "[redacted]" : scrub(inner, depth + 1);
    }
    return out;
  }
  return value;
}

export function scrubAuditDetails(details: Record<string, unknown>): Record<string, unknown> {
  const scrubbed = scrub(details);
  return scrubbed !== null && typeof scrubbed === "object" && !Array.isArray(scrubbed)
    ? Object.fromEntries(Object.entries(scrubbed))
    : {};
}

function actorOf(ctx: Pick<Context, "session" | "apiToken">): {
  actorUserId: string | null;
  actorLabel: string;
} {
  // A token first: automation tokens also carry their creator's session, but the log should
  // say the token did it.
  if (ctx.apiToken)
    return { actorUserId: ctx.apiToken.createdBy, actorLabel: `token:${ctx.apiToken.name}` };
  if (ctx.session)
    return { actorUserId: ctx.session.user.id, actorLabel: ctx.session.user.username };
  return { actorUserId: null, actorLabel: "anonymous" };
}

/** Appends one entry for the current caller. Every mutation calls this (or `ctx.audit`). */
export async function writeAudit(
  ctx: Pick<Context, "db" | "session" | "apiToken" | "ip" | "now">,
  input: AuditInput,
): Promise<void> {
  await insertAuditEntry(ctx.db, {
    ...actorOf(ctx),
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    details: { ...scrubAuditDetails(input.details ?? {}), ...(ctx.ip ? { ip: ctx.ip } : {}) },
    at: ctx.now(),
  });
}

/** The spelling the brief uses: `audit(ctx, { action, entityType, entityId, details })`. */
export const audit = writeAudit;
