import { ApiTokensAdmin } from "@/components/settings/api-tokens-admin";
import { ToastProvider } from "@/components/ui/toast";
import { requireRole } from "@/server/page-guards";

export const dynamic = "force-dynamic";
export const metadata = { title: "API tokens · Duplex" };

export default async function TokensPage() {
  await requireRole("admin");
  return (
    <ToastProvider>
      <main className="mx-auto max-w-6xl space-y-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
          <p className="text-sm text-slate-500">
            Tokens let scripts and CI run syncs (<code>syncOps.runNow</code>) as{" "}
            <code>Authorization: Bearer dpx_…</code>. A token with a role also acts as you, with at
            most that role.
          </p>
        </div>
        <ApiTokensAdmin />
      </main>
    </ToastProvider>
  );
}
