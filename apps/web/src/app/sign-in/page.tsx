import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentSession } from "@/server/page-guards";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  const session = await currentSession();
  if (session) redirect(session.user.mustChangePassword ? "/change-password" : "/");
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Sign in to Duplex</h1>
      <SignInForm />
      <p className="mt-6 text-xs text-slate-500">
        Forgot your password? Ask an administrator to reset it.
      </p>
    </main>
  );
}
