import { getHealth } from "@/server/runtime";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const health = await getHealth();
  const rows = Object.entries(health.checks);
  return (
    <main className="mx-auto max-w-3xl p-10">
      <h1 className="text-3xl font-semibold tracking-tight">Duplex</h1>
      <p className="mt-2 text-slate-600">
        Two-way data sync between PostgreSQL, MySQL, Salesforce and REST APIs.
      </p>
      <section
        aria-labelledby="status"
        className="mt-8 rounded-lg border border-slate-200 bg-white p-6"
      >
        <h2 id="status" className="text-lg font-medium">
          System status:{" "}
          <span className={health.status === "up" ? "text-emerald-600" : "text-red-600"}>
            {health.status}
          </span>
        </h2>
        <ul className="mt-4 space-y-2">
          {rows.map(([name, check]) => (
            <li key={name} className="flex items-center justify-between">
              <span className="capitalize">{name}</span>
              <span className={check.up ? "text-emerald-600" : "text-red-600"}>
                {check.up ? "up" : `down: ${check.reason ?? "unknown"}`}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
