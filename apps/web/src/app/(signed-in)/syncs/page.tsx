import { SyncsList } from "@/components/syncs/syncs-list";
import { ToastProvider } from "@/components/ui/toast";

export const metadata = { title: "Syncs · Duplex" };

export default function SyncsPage() {
  return (
    <ToastProvider>
      <SyncsList />
    </ToastProvider>
  );
}
