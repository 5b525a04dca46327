import type { Role } from "@duplex/db";

export type { Role };

export const roles = ["admin", "builder", "operator", "viewer"] as const satisfies readonly Role[];

/**
 * The hierarchy from the design: admin > builder, operator > viewer. Builder and operator are
 * siblings: a builder edits syncs and flows but cannot replay runs; an operator runs, replays and
 * pauses but cannot edit. Admin can do everything; everyone signed in can read (viewer).
 */
const satisfies: Record<Role, readonly Role[]> = {
  admin: ["admin", "builder", "operator", "viewer"],
  builder: ["builder", "viewer"],
  operator: ["operator", "viewer"],
  viewer: ["viewer"],
};

export function roleSatisfies(actual: Role, required: Role): boolean {
  return satisfies[actual].includes(required);
}

/** What a procedure's `meta` must declare; the access middleware enforces exactly this. */
export interface ProcedureMeta {
  /** "public" means callable without signing in (only sign-in itself). */
  role: Role | "public";
  /** May an API token (Bearer dpx_…) call it? Only sync invocation should say yes. */
  tokenInvocable?: boolean;
  /** Still callable while the user must change a one-time password (me, changePassword, signOut). */
  allowPendingPasswordChange?: boolean;
}
