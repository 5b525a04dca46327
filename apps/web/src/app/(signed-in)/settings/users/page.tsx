import { UsersAdmin } from "@/components/settings/users-admin";
import { requireRole } from "@/server/page-guards";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const session = await requireRole("admin");
  return (
    <main className="mx-auto max-w-5xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
      <UsersAdmin currentUserId={session.user.id} />
    </main>
  );
}
