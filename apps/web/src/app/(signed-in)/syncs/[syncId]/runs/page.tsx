import { roleSatisfies } from "@duplex/api";
import { RunsConsole } from "@/components/runs/runs-console";
import { ToastProvider } from "@/components/ui/toast";
import { requireRole } from "@/server/page-guards";

export const metadata = { title: "Runs · Duplex" };

export default async function SyncRunsPage({ params }: { params: Promise<{ syncId: string }> }) {
  const session = await requireRole("viewer");
  const { syncId } = await params;
  return (
    <ToastProvider>
      <RunsConsole syncId={syncId} canOperate={roleSatisfies(session.user.role, "operator")} />
    </ToastProvider>
  );
}
