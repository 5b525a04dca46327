import { TemplateGallery } from "@/components/templates/template-gallery";
import { ToastProvider } from "@/components/ui/toast";
import { requireRole } from "@/server/page-guards";

export const metadata = { title: "Templates · Duplex" };

export default async function TemplatesPage() {
  await requireRole("builder");
  return (
    <ToastProvider>
      <TemplateGallery />
    </ToastProvider>
  );
}
