import { ConnectionsPage } from "@/components/connections/connections-page";
import { ToastProvider } from "@/components/ui/toast";

export const metadata = { title: "Connections · Duplex" };

export default function Connections() {
  return (
    <ToastProvider>
      <ConnectionsPage />
    </ToastProvider>
  );
}
