import { SyncEditor } from "@/components/editor/sync-editor";
import { ToastProvider } from "@/components/ui/toast";

export const metadata = { title: "Sync editor · Duplex" };

export default async function SyncEditorPage({ params }: { params: Promise<{ syncId: string }> }) {
  const { syncId } = await params;
  return (
    <ToastProvider>
      <SyncEditor syncId={syncId} />
    </ToastProvider>
  );
}
