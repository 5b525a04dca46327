import { type Role, roleSatisfies, type SessionContext } from "@duplex/api";
import { redirect } from "next/navigation";
import { serverContext } from "./trpc-context";

/**
 * Guards for server components. They only decide what to render; every procedure enforces its own
 * role again, so a missed guard shows an error instead of leaking data.
 */
export async function currentSession(): Promise<SessionContext | null> {
  return (await serverContext()).session;
}

/** Signed in, with no pending one-time password; otherwise redirects. */
export async function requireSession(): Promise<SessionContext> {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  if (session.user.mustChangePassword) redirect("/change-password");
  return session;
}

/** Signed in with at least `role`; a lesser role sees /forbidden. */
export async function requireRole(role: Role): Promise<SessionContext> {
  const session = await requireSession();
  if (!roleSatisfies(session.user.role, role)) redirect(`/forbidden?role=${role}`);
  return session;
}
