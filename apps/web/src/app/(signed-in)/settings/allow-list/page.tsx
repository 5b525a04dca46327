import { AllowListAdmin } from "@/components/settings/allow-list-admin";
import { ToastProvider } from "@/components/ui/toast";
import { requireRole } from "@/server/page-guards";

export const dynamic = "force-dynamic";
export const metadata = { title: "Allow-list · Duplex" };

export default async function AllowListPage() {
  await requireRole("admin");
  return (
    <ToastProvider>
      <main className="mx-auto max-w-5xl space-y-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Outbound allow-list</h1>
          <p className="text-sm text-slate-500">
            Hosts connections may reach. While the list is empty every host is allowed; once it has
            an entry, every host a connection reaches must match one (checked on save and each time
            a connection opens).
          </p>
        </div>
        <AllowListAdmin />
      </main>
    </ToastProvider>
  );
}
