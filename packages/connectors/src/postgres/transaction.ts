import type pg from "pg";
import { isRecordError, toConnectorError } from "./errors";

/**
 * Runs `fn` in one transaction. With `origin`, the transaction sets `duplex.origin`, which the
 * change-capture trigger records, so Duplex's own writes can be told apart in the change table.
 * Any error that is not about one record's data becomes a ConnectorError (transient or not).
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  origin: string | undefined,
  context: string,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toConnectorError(error, context);
  }
  let broken = false;
  try {
    await client.query("BEGIN");
    if (origin !== undefined) {
      await client.query("SELECT set_config('duplex.origin', $1, true)", [origin]);
    }
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
    } catch {
      broken = true;
    }
    throw toConnectorError(error, context);
  } finally {
    client.release(broken);
  }
}

/**
 * Runs `statement` under a savepoint. A record error (bad value, constraint) rolls back to the
 * savepoint and is returned, leaving the transaction usable; anything else is rethrown.
 */
export async function attempt<T>(
  client: pg.PoolClient,
  statement: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  await client.query("SAVEPOINT duplex_attempt");
  try {
    const value = await statement();
    await client.query("RELEASE SAVEPOINT duplex_attempt");
    return { ok: true, value };
  } catch (error) {
    if (!isRecordError(error)) throw error;
    await client.query("ROLLBACK TO SAVEPOINT duplex_attempt");
    await client.query("RELEASE SAVEPOINT duplex_attempt");
    return { ok: false, error };
  }
}
