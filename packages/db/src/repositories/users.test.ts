import { createTestDatabase, type TestDatabase } from "@duplex/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../client";
import { migrateDatabase } from "../migrate";
import { users } from "../schema/index";
import { verifyPassword } from "../security/passwords";
import { generateSecretKey, parseKeyRing } from "../security/secrets";
import { ensureFirstAdmin, forgetOneTimePassword } from "./users";

describe("ensureFirstAdmin", () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  const ring = parseKeyRing(generateSecretKey());
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateDatabase(database.url);
    handle = createDatabase(database.url, { max: 2 });
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it("creates one admin whose one-time password works, repeats it until changed, then never again", async () => {
    const first = await ensureFirstAdmin(handle.db, ring);
    expect(first).toMatchObject({ username: "admin", createdNow: true });
    const [row] = await handle.db.select().from(users).where(eq(users.username, "admin"));
    expect(row?.mustChangePassword).toBe(true);
    expect(row?.passwordHash).not.toContain(first?.password ?? "");
    expect(await verifyPassword(row?.passwordHash ?? "", first?.password ?? "")).toBe(true);

    const again = await ensureFirstAdmin(handle.db, ring);
    expect(again).toEqual({ username: "admin", password: first?.password, createdNow: false });
    expect(await handle.db.$count(users)).toBe(1);

    await handle.db
      .update(users)
      .set({ mustChangePassword: false })
      .where(eq(users.username, "admin"));
    await forgetOneTimePassword(handle.db);
    expect(await ensureFirstAdmin(handle.db, ring)).toBeNull();
  });
});
