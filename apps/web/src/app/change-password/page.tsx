import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { currentSession } from "@/server/page-guards";

export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold tracking-tight">Change your password</h1>
      {session.user.mustChangePassword ? (
        <p className="mt-2 text-sm text-slate-600">
          You signed in with a one-time password. Choose your own before continuing.
        </p>
      ) : null}
      <div className="mt-6">
        <ChangePasswordForm />
      </div>
    </main>
  );
}
