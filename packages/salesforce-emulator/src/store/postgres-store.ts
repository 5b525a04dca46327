import pg from "pg";
import { z } from "zod";
import type { FieldValue, RecordStore, StoredRecord } from "./record-store";

// Durable store: one row per record (fields as jsonb) in its own schema, so an emulator
// restarted on the same database keeps its org. Tables are created on init().

const fieldsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const rowSchema = z.object({
  id: z.string(),
  object: z.string(),
  fields: fieldsSchema,
  deleted_date: z.string().nullable(),
});

export class PostgresRecordStore implements RecordStore {
  private readonly pool: pg.Pool;
  private readonly schema: string;

  constructor(databaseUrl: string, schema = "sf_emulator") {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    this.schema = schema;
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // An idle client losing its connection must not crash the emulator process.
    this.pool.on("error", (err) => console.error("salesforce-emulator: postgres pool error", err));
  }

  async init(): Promise<void> {
    const s = this.schema;
    await this.pool.query(`
      CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.records (
        seq bigserial,
        id text PRIMARY KEY,
        object text NOT NULL,
        fields jsonb NOT NULL,
        deleted_date text
      );
      CREATE INDEX IF NOT EXISTS records_object_seq ON ${s}.records (object, seq);
      CREATE TABLE IF NOT EXISTS ${s}.sequence (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        next_value bigint NOT NULL
      );
      INSERT INTO ${s}.sequence (singleton, next_value) VALUES (true, 1) ON CONFLICT DO NOTHING;
    `);
  }

  async listRecords(object: string): Promise<StoredRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT id, object, fields, deleted_date FROM ${this.schema}.records WHERE object = $1 ORDER BY seq`,
      [object],
    );
    return rows.map(toRecord);
  }

  async getRecords(object: string, ids: readonly string[]): Promise<StoredRecord[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query(
      `SELECT id, object, fields, deleted_date FROM ${this.schema}.records WHERE object = $1 AND id = ANY($2::text[]) ORDER BY seq`,
      [object, ids],
    );
    return rows.map(toRecord);
  }

  async saveRecords(records: readonly StoredRecord[]): Promise<void> {
    if (records.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const chunk = 1000;
      for (let i = 0; i < records.length; i += chunk) {
        const part = records.slice(i, i + chunk);
        await client.query(
          `INSERT INTO ${this.schema}.records (id, object, fields, deleted_date)
           SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[])
           ON CONFLICT (id) DO UPDATE SET fields = EXCLUDED.fields, deleted_date = EXCLUDED.deleted_date`,
          [
            part.map((r) => r.id),
            part.map((r) => r.object),
            part.map((r) => JSON.stringify(r.fields)),
            part.map((r) => r.deletedDate),
          ],
        );
      }
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async allocateSequence(count: number): Promise<number> {
    const { rows } = await this.pool.query(
      `UPDATE ${this.schema}.sequence SET next_value = next_value + $1 RETURNING next_value - $1 AS first`,
      [count],
    );
    const first = z.object({ first: z.coerce.number() }).parse(rows[0]).first;
    return first;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function toRecord(row: unknown): StoredRecord {
  const parsed = rowSchema.parse(row);
  const fields: Record<string, FieldValue> = parsed.fields;
  return { id: parsed.id, object: parsed.object, fields, deletedDate: parsed.deleted_date };
}
