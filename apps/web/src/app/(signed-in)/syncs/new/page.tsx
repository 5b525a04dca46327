import { CreateSyncWizard } from "@/components/syncs/create-sync-wizard";
import { ToastProvider } from "@/components/ui/toast";
import { requireRole } from "@/server/page-guards";

export const metadata = { title: "New sync · Duplex" };

export default async function NewSyncPage() {
  await requireRole("builder");
  return (
    <ToastProvider>
      <CreateSyncWizard />
    </ToastProvider>
  );
}
