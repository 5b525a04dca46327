import pg from "pg";

/** Where a run's time went: total duration per node (from run_steps), in seconds. */
export async function stepTimes(duplexUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: duplexUrl });
  await client.connect();
  try {
    const result = await client.query(
      "SELECT node_id, round(sum(duration_ms) / 1000.0, 2)::float8 AS s FROM run_steps GROUP BY node_id ORDER BY 2 DESC",
    );
    return Object.fromEntries(
      result.rows.map((r: { node_id: string; s: number }) => [r.node_id, r.s]),
    );
  } finally {
    await client.end();
  }
}
