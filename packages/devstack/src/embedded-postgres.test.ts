import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres";

// The embedded database is shared by the web app and the worker over separate connections; these
// tests prove that one connection's open transaction is invisible to, and unaffected by, another.
describe("embedded Postgres (PGlite over the wire protocol)", () => {
  let server: EmbeddedPostgres;
  let a: pg.Client;
  let b: pg.Client;

  beforeAll(async () => {
    server = await startEmbeddedPostgres({ port: 0 });
    a = new pg.Client({ connectionString: server.url });
    b = new pg.Client({ connectionString: server.url });
    await a.connect();
    await b.connect();
    await a.query("CREATE TABLE items (id int primary key, note text)");
  });

  afterAll(async () => {
    await a?.end();
    await b?.end();
    await server?.stop();
  });

  it("does not show one connection's uncommitted rows to another", async () => {
    await a.query("BEGIN");
    await a.query("INSERT INTO items VALUES (1, 'uncommitted')");
    const seenByB = b.query("SELECT count(*)::int AS n FROM items");
    await a.query("ROLLBACK");
    const result = await seenByB;
    expect(result.rows[0]).toEqual({ n: 0 });
  });

  it("keeps another connection's autocommit write when a transaction rolls back", async () => {
    await a.query("BEGIN");
    await a.query("INSERT INTO items VALUES (2, 'rolled back')");
    const writeByB = b.query("INSERT INTO items VALUES (3, 'kept')");
    await a.query("ROLLBACK");
    await writeByB;
    const rows = await a.query("SELECT id FROM items ORDER BY id");
    expect(rows.rows).toEqual([{ id: 3 }]);
  });

  it("serialises two transactions that interleave their statements", async () => {
    await a.query("BEGIN");
    await a.query("INSERT INTO items VALUES (10, 'a')");
    const bTx = (async () => {
      await b.query("BEGIN");
      const inside = await b.query("SELECT count(*)::int AS n FROM items WHERE id >= 10");
      await b.query("INSERT INTO items VALUES (11, 'b')");
      await b.query("COMMIT");
      return inside.rows[0];
    })();
    await a.query("COMMIT");
    // b's transaction could only start after a committed, so it saw exactly a's row.
    expect(await bTx).toEqual({ n: 1 });
    const rows = await a.query("SELECT id FROM items WHERE id >= 10 ORDER BY id");
    expect(rows.rows).toEqual([{ id: 10 }, { id: 11 }]);
  });

  it("rolls back a connection's open transaction when it disconnects", async () => {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    await c.query("BEGIN");
    await c.query("INSERT INTO items VALUES (20, 'abandoned')");
    await c.end();
    const rows = await a.query("SELECT count(*)::int AS n FROM items WHERE id = 20");
    expect(rows.rows[0]).toEqual({ n: 0 });
  });
});
