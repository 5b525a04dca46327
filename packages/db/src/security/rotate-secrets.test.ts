import { createTestDatabase, type TestDatabase } from "@duplex/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../client";
import { migrateDatabase } from "../migrate";
import { ensureFirstAdmin } from "../repositories/users";
import { connections, settings } from "../schema/index";
import { rotateSecrets } from "./rotate-secrets";
import { generateSecretKey, openSecret, parseKeyRing, sealSecret } from "./secrets";

describe("rotateSecrets", () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  const v1 = generateSecretKey();
  const v2 = generateSecretKey().replace(/^v1:/, "v2:");
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateDatabase(database.url);
    handle = createDatabase(database.url, { max: 2 });
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it("re-seals every connection secret and the one-time password under the newest key", async () => {
    const old = parseKeyRing(v1);
    const first = await ensureFirstAdmin(handle.db, old);
    const sealed = sealSecret(old, '{"v":1,"entries":[]}');
    await handle.db.insert(connections).values([
      {
        name: "a",
        type: "postgres",
        config: {},
        secretCiphertext: sealed.ciphertext,
        secretKeyVersion: 1,
      },
      { name: "b", type: "postgres", config: {} },
    ]);

    const ring = parseKeyRing(`${v2},${v1}`);
    expect(await rotateSecrets(handle.db, ring)).toEqual({
      connections: 1,
      settings: 1,
      keyVersion: 2,
    });

    const newOnly = parseKeyRing(v2);
    const [a] = await handle.db.select().from(connections).where(eq(connections.name, "a"));
    expect(a?.secretKeyVersion).toBe(2);
    expect(openSecret(newOnly, a?.secretCiphertext ?? "")).toBe('{"v":1,"entries":[]}');
    const [otp] = await handle.db.select().from(settings);
    expect(typeof otp?.value === "string" && openSecret(newOnly, otp.value)).toBe(first?.password);
  });

  it("changes nothing when one secret cannot be opened (one transaction)", async () => {
    const stranger = parseKeyRing(generateSecretKey().replace(/^v1:/, "v7:"));
    await handle.db.insert(connections).values({
      name: "foreign",
      type: "postgres",
      config: {},
      ...((s) => ({ secretCiphertext: s.ciphertext, secretKeyVersion: s.keyVersion }))(
        sealSecret(stranger, "x"),
      ),
    });
    const before = await handle.db.select().from(connections);
    const ring = parseKeyRing(`${generateSecretKey().replace(/^v1:/, "v3:")},${v2}`);
    await expect(rotateSecrets(handle.db, ring)).rejects.toThrow(/key version 7/);
    expect(await handle.db.select().from(connections)).toEqual(before);
  });
});
