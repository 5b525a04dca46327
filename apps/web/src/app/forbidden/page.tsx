import Link from "next/link";

export default async function ForbiddenPage({
  searchParams,
}: {
  searchParams: Promise<{ role?: string }>;
}) {
  const { role } = await searchParams;
  const needed = typeof role === "string" && /^[a-z]{1,20}$/.test(role) ? role : null;
  return (
    <main className="mx-auto mt-24 max-w-md text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-600">
        {needed ? `This page needs the ${needed} role.` : "Your role does not allow this page."} Ask
        an administrator if you need access.
      </p>
      <Link href="/" className="mt-6 inline-block text-indigo-600 underline">
        Back to Duplex
      </Link>
    </main>
  );
}
