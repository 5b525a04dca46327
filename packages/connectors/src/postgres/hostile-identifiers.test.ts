import { afterAll, beforeAll, expect, it } from "vitest";
import { quoteIdent } from "./sql";
import { type PostgresFixture, postgresFixture } from "./test-support";

// Names chosen to break naive SQL building: quotes, semicolons, comments, spaces, unicode.
const TABLE = `we"ird; DROP TABLE victim; -- tåble`;
const KEY = `k"ey`;
const COL = `na me; select 1 --`;
const STAMP = `upd"ated_at`;
const EMOJI = "ünï😀";

let fx: PostgresFixture;

beforeAll(async () => {
  fx = await postgresFixture();
  await fx.sql.query(`CREATE TABLE victim (id int PRIMARY KEY)`);
  await fx.sql.query(
    `CREATE TABLE ${quoteIdent(TABLE)} (${quoteIdent(KEY)} text PRIMARY KEY, ${quoteIdent(COL)} text,
      ${quoteIdent(EMOJI)} int, updated_at timestamptz NOT NULL DEFAULT clock_timestamp(), ${quoteIdent(STAMP)} int)`,
  );
});
afterAll(async () => fx?.close());

it("quoteIdent doubles quotes", () => {
  expect(quoteIdent(`a"b`)).toBe(`"a""b"`);
});

it("describes, writes, reads, captures and deletes through hostile names", async () => {
  const pg = fx.connector({ readChangesMode: "changeTable" });
  const described = await pg.describeObject(TABLE);
  expect(described.primaryKey).toBe(KEY);
  expect(described.fields.map((f) => f.name)).toEqual([KEY, COL, EMOJI, "updated_at", STAMP]);

  await pg.installChangeCapture([TABLE]);
  const key = `it's "me"; --`;
  const written = await pg.upsert(
    TABLE,
    [{ [KEY]: key, [COL]: "x'); DROP TABLE victim; --", [EMOJI]: 1 }],
    {
      matchField: KEY,
    },
  );
  expect(written).toEqual([{ ok: true, key, created: true }]);
  expect(await pg.readByKeys(TABLE, KEY, [key])).toMatchObject([
    { [COL]: "x'); DROP TABLE victim; --" },
  ]);
  expect((await pg.readAll(TABLE, { cursor: null, pageSize: 10 })).records).toHaveLength(1);

  const changes = await pg.readChanges(TABLE, { since: null, overlapMs: 0, limit: 10 });
  expect(changes.changes).toMatchObject([
    { op: "upsert", object: TABLE, key, record: { [EMOJI]: 1 } },
  ]);

  expect(await pg.delete(TABLE, [key])).toEqual([{ ok: true, key, created: false }]);
  await pg.removeChangeCapture([TABLE]);
  const victim = await fx.sql.query("SELECT to_regclass('victim') IS NOT NULL AS present");
  expect(victim.rows).toEqual([{ present: true }]);
});
