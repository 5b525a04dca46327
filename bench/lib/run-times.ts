import pg from "pg";

export interface RunTimes {
  runs: number;
  /** Mean records per run. */
  meanRecords: number;
  /** Mean time from the run's creation (collect) to its finish, and from start to finish. */
  meanCreatedToFinishedMs: number;
  meanStartedToFinishedMs: number;
  /** Mean duration per step (node), as the engine recorded it (inside the activity). */
  meanStepMs: Record<string, number>;
}

/** Where a live loop's micro-batches spend their time (manual `once` runs left out). */
export async function runTimes(duplexUrl: string, direction: string): Promise<RunTimes> {
  const client = new pg.Client({ connectionString: duplexUrl });
  await client.connect();
  try {
    const runs = await client.query(
      `SELECT count(*)::int AS n,
        coalesce(avg((SELECT sum(v::int) FROM jsonb_each_text(counts) AS c(k, v))), 0)::float8 AS records,
        coalesce(avg(extract(epoch FROM finished_at - created_at) * 1000), 0)::float8 AS created,
        coalesce(avg(extract(epoch FROM finished_at - started_at) * 1000), 0)::float8 AS started
       FROM runs WHERE direction = $1 AND trigger <> 'manual' AND finished_at IS NOT NULL`,
      [direction],
    );
    const steps = await client.query(
      `SELECT s.node_id, avg(s.duration_ms)::float8 AS ms FROM run_steps s JOIN runs r ON r.id = s.run_id
       WHERE r.direction = $1 AND r.trigger <> 'manual' GROUP BY s.node_id ORDER BY 2 DESC`,
      [direction],
    );
    const row = runs.rows[0] ?? {};
    const round = (v: unknown) => Math.round(Number(v ?? 0));
    return {
      runs: Number(row.n ?? 0),
      meanRecords: Math.round(Number(row.records ?? 0) * 10) / 10,
      meanCreatedToFinishedMs: round(row.created),
      meanStartedToFinishedMs: round(row.started),
      meanStepMs: Object.fromEntries(
        steps.rows.map((r: { node_id: string; ms: number }) => [r.node_id, round(r.ms)]),
      ),
    };
  } finally {
    await client.end();
  }
}
