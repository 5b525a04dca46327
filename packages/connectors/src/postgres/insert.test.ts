import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresFixture, postgresFixture } from "./test-support";

let fx: PostgresFixture;

beforeAll(async () => {
  fx = await postgresFixture();
  await fx.sql.query(`
    CREATE TABLE account (
      id serial PRIMARY KEY,
      name varchar(10) NOT NULL,
      sf_id text UNIQUE
    );
  `);
});
afterAll(async () => fx?.close());

describe("insert", () => {
  it("returns the database-assigned key of each row, in input order, failing bad rows alone", async () => {
    const pg = fx.connector();
    const outcomes = await pg.insert("account", [
      { name: "Acme", sf_id: "001A" },
      { name: "far too long a name" },
      { name: "Globex" },
      { nope: 1 },
    ]);
    expect(outcomes[0]).toEqual({ ok: true, key: "1", created: true });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { transient: false } });
    expect(outcomes[2]).toMatchObject({ ok: true, created: true });
    expect(outcomes[3]).toMatchObject({
      ok: false,
      error: { code: "unknown_field", fields: ["nope"] },
    });
    const rows = await fx.sql.query("SELECT name FROM account ORDER BY id");
    expect(rows.rows.map((r) => r.name)).toEqual(["Acme", "Globex"]);
    const key = outcomes[2]?.ok ? outcomes[2].key : "";
    const globex = await fx.sql.query("SELECT name FROM account WHERE id = $1", [key]);
    expect(globex.rows).toEqual([{ name: "Globex" }]);
  });
});
