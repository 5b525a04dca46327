import type { FieldDescriptor } from "@duplex/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresFixture, postgresFixture } from "./test-support";

let fx: PostgresFixture;

beforeAll(async () => {
  fx = await postgresFixture();
  await fx.sql.query(`
    CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
    CREATE DOMAIN email AS varchar(120);
    CREATE TABLE account (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL);
    CREATE TABLE contact (
      id bigserial PRIMARY KEY,
      account_id uuid REFERENCES account(id),
      small smallint, whole integer NOT NULL, big bigint NOT NULL DEFAULT 0,
      price numeric(12, 2), ratio double precision, flag boolean,
      birthday date, seen_at timestamp, updated_at timestamptz NOT NULL DEFAULT now(),
      doc jsonb, plain_json json, code varchar(8) UNIQUE, notes text, fixed char(2),
      feeling mood, photo bytea, tags text[], mail email, version integer,
      total numeric GENERATED ALWAYS AS (price * 2) STORED
    );
    CREATE TABLE pair (a int, b int, PRIMARY KEY (a, b));
    CREATE TABLE nokey (a int);
  `);
});
afterAll(async () => fx?.close());

describe("describeObject", () => {
  it("maps every column kind, keys and references", async () => {
    const contact = await fx.connector().describeObject("contact");
    expect(contact.primaryKey).toBe("id");
    expect(contact.updatedAtField).toBe("updated_at");
    expect(contact.versionField).toBe("version");
    const byName = new Map(contact.fields.map((f) => [f.name, f]));
    const expected: Record<string, Partial<FieldDescriptor>> = {
      id: { type: "integer", required: false, unique: true, externalId: false, nullable: false },
      account_id: { type: "reference", referenceTo: ["account"], nullable: true },
      small: { type: "integer" },
      whole: { type: "integer", required: true, nullable: false },
      big: { type: "integer", required: false, nullable: false },
      price: { type: "decimal", precision: 12, scale: 2, nativeType: "numeric(12,2)" },
      ratio: { type: "number" },
      flag: { type: "boolean" },
      birthday: { type: "date" },
      seen_at: { type: "datetime" },
      updated_at: { type: "datetime", nativeType: "timestamp with time zone", required: false },
      doc: { type: "json" },
      plain_json: { type: "json" },
      code: { type: "string", length: 8, unique: true, externalId: true },
      notes: { type: "text" },
      fixed: { type: "string", length: 2 },
      feeling: {
        type: "picklist",
        picklistValues: ["happy", "sad", "meh"],
        restrictedPicklist: true,
      },
      photo: { type: "binary" },
      tags: { type: "json" },
      mail: { type: "string", length: 120, nativeType: "email" },
      version: { type: "integer" },
      total: { type: "decimal", createable: false, updateable: false },
    };
    for (const [name, partial] of Object.entries(expected)) {
      expect(byName.get(name), name).toMatchObject(partial);
    }
    expect(contact.fields.map((f) => f.name)).toEqual(Object.keys(expected));
  });

  it.each([
    ["pair", /composite primary key \(a, b\)/],
    ["nokey", /has no primary key/],
    ["missing", /does not exist/],
  ])("rejects %s clearly", async (table, message) => {
    await expect(fx.connector().describeObject(table)).rejects.toThrow(message);
  });

  it("describe lists the tables that can be synced", async () => {
    const objects = await fx.connector().describe();
    expect(objects.map((o) => o.name)).toEqual(["account", "contact"]);
  });
});
