import { roleSatisfies } from "@duplex/api";
import { RunView } from "@/components/runs/run-view";
import { ToastProvider } from "@/components/ui/toast";
import { requireRole } from "@/server/page-guards";

export const metadata = { title: "Run · Duplex" };

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const session = await requireRole("viewer");
  const { runId } = await params;
  return (
    <ToastProvider>
      <RunView runId={runId} canOperate={roleSatisfies(session.user.role, "operator")} />
    </ToastProvider>
  );
}
