import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type PostgresFixture, postgresFixture } from "./test-support";

let fx: PostgresFixture;

beforeAll(async () => {
  fx = await postgresFixture();
  await fx.sql.query(`
    CREATE TABLE parent (id int PRIMARY KEY);
    CREATE TABLE item (
      id serial PRIMARY KEY,
      ext text UNIQUE,
      name varchar(5) NOT NULL,
      qty int CHECK (qty >= 0),
      parent_id int REFERENCES parent(id),
      doc jsonb,
      photo bytea,
      loose text
    );
    INSERT INTO parent VALUES (1);
  `);
});
afterAll(async () => fx?.close());
beforeEach(async () => {
  await fx.sql.query("TRUNCATE item RESTART IDENTITY");
});

describe("upsert", () => {
  it("creates, then updates, reporting outcomes in input order", async () => {
    const pg = fx.connector();
    const first = await pg.upsert(
      "item",
      [
        { ext: "b", name: "bee" },
        { ext: "a", name: "ay" },
      ],
      {
        matchField: "ext",
      },
    );
    expect(first).toEqual([
      { ok: true, key: "1", created: true },
      { ok: true, key: "2", created: true },
    ]);
    const second = await pg.upsert(
      "item",
      [
        { ext: "c", name: "cee" },
        { ext: "a", name: "AY" },
        { ext: "b", name: "BEE" },
      ],
      { matchField: "ext" },
    );
    expect(second).toEqual([
      { ok: true, key: "3", created: true },
      { ok: true, key: "2", created: false },
      { ok: true, key: "1", created: false },
    ]);
    const rows = await fx.sql.query("SELECT ext, name FROM item ORDER BY ext");
    expect(rows.rows).toEqual([
      { ext: "a", name: "AY" },
      { ext: "b", name: "BEE" },
      { ext: "c", name: "cee" },
    ]);
  });

  it("leaves columns a row does not mention alone, and applies repeated keys in order", async () => {
    const pg = fx.connector();
    await pg.upsert("item", [{ ext: "x", name: "one", qty: 5 }], { matchField: "ext" });
    const outcomes = await pg.upsert(
      "item",
      [
        { ext: "x", name: "two" },
        { ext: "x", qty: 7 },
        { ext: "x", name: "three" },
      ],
      { matchField: "ext" },
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const row = await fx.sql.query("SELECT name, qty FROM item WHERE ext = 'x'");
    expect(row.rows).toEqual([{ name: "three", qty: 7 }]);
  });

  it("fails a partial row only when it would have to create the record", async () => {
    const pg = fx.connector();
    await pg.upsert("item", [{ ext: "have", name: "old" }], { matchField: "ext" });
    const outcomes = await pg.upsert(
      "item",
      [
        { ext: "have", qty: 3 },
        { ext: "new", qty: 4 },
      ],
      {
        matchField: "ext",
      },
    );
    expect(outcomes[0]).toMatchObject({ ok: true, key: "1", created: false });
    expect(outcomes[1]).toMatchObject({
      ok: false,
      error: { code: "not_null_violation", fields: ["name"] },
    });
  });

  it("round-trips json and binary values", async () => {
    const pg = fx.connector();
    const photo = Buffer.from([0, 1, 2, 255]).toString("base64");
    await pg.upsert("item", [{ id: 9, name: "j", doc: { a: [1, "two"] }, photo }], {
      matchField: "id",
    });
    const [row] = await pg.readByKeys("item", "id", ["9"]);
    expect(row).toMatchObject({ id: 9, doc: { a: [1, "two"] }, photo });
  });

  it.each([
    ["invalid input syntax", { qty: "many" }, "invalid_text_representation", undefined],
    ["not-null violation", { name: null }, "not_null_violation", ["name"]],
    ["check violation", { qty: -1 }, "check_violation", undefined],
    ["foreign key violation", { parent_id: 999 }, "foreign_key_violation", ["parent_id"]],
    ["value too long", { name: "toolong" }, "string_data_right_truncation", undefined],
    ["unknown column", { nope: 1 }, "unknown_field", ["nope"]],
  ])("fails only the row with a %s", async (_case, bad, code, fields) => {
    const pg = fx.connector();
    const outcomes = await pg.upsert(
      "item",
      [
        { ext: "ok1", name: "fine" },
        { ext: "bad", name: "bad", ...bad },
        { ext: "ok2", name: "fine", parent_id: 1 },
      ],
      { matchField: "ext" },
    );
    expect(outcomes[0]).toMatchObject({ ok: true, created: true });
    expect(outcomes[2]).toMatchObject({ ok: true, created: true });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code, transient: false } });
    if (fields) expect(outcomes[1]).toMatchObject({ error: { fields } });
    const count = await fx.sql.query("SELECT ext FROM item ORDER BY ext");
    expect(count.rows).toEqual([{ ext: "ok1" }, { ext: "ok2" }]);
  });

  it("fails a row that collides with another unique value, alone", async () => {
    const pg = fx.connector();
    await pg.upsert("item", [{ id: 1, ext: "taken", name: "a" }], { matchField: "id" });
    const outcomes = await pg.upsert(
      "item",
      [
        { id: 2, ext: "taken", name: "b" },
        { id: 3, ext: "free", name: "c" },
      ],
      { matchField: "id" },
    );
    expect(outcomes[0]).toMatchObject({
      ok: false,
      key: "2",
      error: { code: "unique_violation", fields: ["ext"] },
    });
    expect(outcomes[1]).toMatchObject({ ok: true, key: "3", created: true });
  });

  it("refuses a match field without a unique index", async () => {
    await expect(
      fx.connector().upsert("item", [{ loose: "x", name: "n" }], { matchField: "loose" }),
    ).rejects.toMatchObject({
      name: "ConnectorError",
      code: "match_field_not_unique",
      transient: false,
    });
  });

  it("records the origin of its writes for change capture", async () => {
    const pg = fx.connector();
    await pg.installChangeCapture(["item"]);
    try {
      await pg.upsert("item", [{ ext: "o", name: "o" }], { matchField: "ext", origin: "sync-42" });
      const origins = await fx.sql.query("SELECT origin FROM duplex_cdc.changes");
      expect(origins.rows).toEqual([{ origin: "sync-42" }]);
    } finally {
      await pg.removeChangeCapture(["item"]);
    }
  });
});

describe("delete", () => {
  it("deletes by key, treats missing keys as done, and fails bad keys alone", async () => {
    const pg = fx.connector();
    await pg.upsert("parent", [{ id: 2 }, { id: 3 }], { matchField: "id" });
    await pg.upsert("item", [{ id: 1, name: "kid", parent_id: 2 }], { matchField: "id" });
    const outcomes = await pg.delete("parent", ["3", "2", "404", "not-a-number"]);
    expect(outcomes).toEqual([
      { ok: true, key: "3", created: false },
      expect.objectContaining({
        ok: false,
        key: "2",
        error: expect.objectContaining({ code: "foreign_key_violation" }),
      }),
      { ok: true, key: "404", created: false },
      expect.objectContaining({
        ok: false,
        key: "not-a-number",
        error: expect.objectContaining({ code: "invalid_text_representation" }),
      }),
    ]);
    const left = await fx.sql.query("SELECT id FROM parent ORDER BY id");
    expect(left.rows).toEqual([{ id: 1 }, { id: 2 }]);
  });
});
