import Link from "next/link";
import { requireRole } from "@/server/page-guards";
import { serverCaller } from "@/server/trpc-context";

export const dynamic = "force-dynamic";

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The audit log, newest first, filterable by action and entity type, paged by "Older". */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("admin");
  const params = await searchParams;
  const before = Number(single(params.before));
  const action = single(params.action);
  const entityType = single(params.entityType);
  const page = await (await serverCaller()).audit.list({
    limit: 50,
    ...(Number.isInteger(before) && before > 0 ? { before } : {}),
    ...(action ? { action } : {}),
    ...(entityType ? { entityType } : {}),
  });
  const older = new URLSearchParams({
    ...(action ? { action } : {}),
    ...(entityType ? { entityType } : {}),
  });
  if (page.nextCursor) older.set("before", String(page.nextCursor));
  return (
    <main className="mx-auto max-w-6xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <form className="flex items-end gap-3" method="get">
        <div>
          <label htmlFor="action" className="block text-sm text-slate-700">
            Action
          </label>
          <input
            id="action"
            name="action"
            defaultValue={action}
            placeholder="e.g. connection.update"
            className="rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </div>
        <div>
          <label htmlFor="entityType" className="block text-sm text-slate-700">
            Entity type
          </label>
          <input
            id="entityType"
            name="entityType"
            defaultValue={entityType}
            placeholder="e.g. user"
            className="rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </div>
        <button
          type="submit"
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white focus:outline-none focus:ring-2 focus:ring-indigo-500"
        >
          Filter
        </button>
      </form>
      <table className="w-full border-collapse bg-white text-sm">
        <caption className="sr-only">Audit entries</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">
              When
            </th>
            <th scope="col" className="px-3 py-2">
              Who
            </th>
            <th scope="col" className="px-3 py-2">
              Action
            </th>
            <th scope="col" className="px-3 py-2">
              Entity
            </th>
            <th scope="col" className="px-3 py-2">
              Details
            </th>
          </tr>
        </thead>
        <tbody>
          {page.entries.map((entry) => (
            <tr key={entry.id} className="border-t border-slate-100 align-top">
              <td className="whitespace-nowrap px-3 py-2">{entry.at.toISOString()}</td>
              <td className="px-3 py-2">{entry.actorLabel}</td>
              <td className="px-3 py-2 font-mono">{entry.action}</td>
              <td className="px-3 py-2">
                {entry.entityType}
                {entry.entityId ? (
                  <span className="block font-mono text-xs text-slate-500">{entry.entityId}</span>
                ) : null}
              </td>
              <td className="px-3 py-2">
                <code className="whitespace-pre-wrap break-all text-xs">
                  {JSON.stringify(entry.details)}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextCursor ? (
        <Link href={`/settings/audit?${older.toString()}`} className="text-indigo-600 underline">
          Older entries
        </Link>
      ) : null}
    </main>
  );
}
