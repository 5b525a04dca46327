import { roleSatisfies } from "@duplex/api";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requireSession } from "@/server/page-guards";

export const dynamic = "force-dynamic";

/** Everything in this group needs a signed-in user who has changed any one-time password. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const admin = session.user.role === "admin";
  const builder = roleSatisfies(session.user.role, "builder");
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3">
        <nav aria-label="Main" className="flex items-center gap-4 text-sm">
          <Link href="/" className="font-semibold">
            Duplex
          </Link>
          <Link href="/syncs" className="text-slate-600 hover:text-slate-900">
            Syncs
          </Link>
          <Link href="/connections" className="text-slate-600 hover:text-slate-900">
            Connections
          </Link>
          {builder ? (
            <Link href="/templates" className="text-slate-600 hover:text-slate-900">
              Templates
            </Link>
          ) : null}
          {admin ? (
            <>
              <Link href="/settings/users" className="text-slate-600 hover:text-slate-900">
                Users
              </Link>
              <Link href="/settings/audit" className="text-slate-600 hover:text-slate-900">
                Audit log
              </Link>
              <Link href="/settings/tokens" className="text-slate-600 hover:text-slate-900">
                API tokens
              </Link>
              <Link href="/settings/allow-list" className="text-slate-600 hover:text-slate-900">
                Allow-list
              </Link>
            </>
          ) : null}
        </nav>
        <div className="flex items-center gap-3 text-sm text-slate-600">
          <span>
            {session.user.username} ({session.user.role})
          </span>
          <SignOutButton />
        </div>
      </header>
      <div className="p-6">{children}</div>
    </div>
  );
}
