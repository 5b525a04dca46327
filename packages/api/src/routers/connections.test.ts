import { Writable } from "node:stream";
import { findConnectionRow } from "@duplex/db";
import { createLogger } from "@duplex/devstack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsealedConfig } from "../connections/connection-service";
import { createTrpcFetchHandler } from "../http/trpc-handler";
import { type ApiTestEnv, createApiTestEnv } from "../testing/api-test-env";

const PASSWORD = "Pw-Distinct-7c1e-Quartz";
const URL_PASSWORD = "Url-Secret-4b2d-Maple";
const NEW_PASSWORD = "Rotated-Pw-88aa-Cobalt";
const SECRETS = [PASSWORD, URL_PASSWORD, NEW_PASSWORD];

describe("connections: write-only sealed secrets, allow-list, hostile names", () => {
  let env: ApiTestEnv;
  let target: { host: string; port: number; database: string; user: string };
  const responses: unknown[] = [];
  const record = <T>(value: T): T => {
    responses.push(value);
    return value;
  };

  beforeAll(async () => {
    env = await createApiTestEnv();
    const url = new URL(env.database.url);
    target = {
      host: url.hostname,
      port: Number(url.port || 5432),
      database: url.pathname.slice(1),
      user: decodeURIComponent(url.username),
    };
  });
  afterAll(async () => {
    await env?.close();
  });

  async function stored(id: string) {
    const row = await findConnectionRow(env.handle.db, id);
    if (!row) throw new Error("no row");
    return { row, full: unsealedConfig(env.ring, row) };
  }

  it("stores secrets sealed and shows only which are set", async () => {
    const admin = await env.callerAs("admin");
    const discrete = record(
      await admin.connections.create({
        name: "warehouse",
        type: "postgres",
        config: { ...target, password: PASSWORD },
      }),
    );
    expect(discrete.secrets).toEqual({ password: "set" });
    expect(discrete.config).not.toHaveProperty("password");
    expect(discrete.config).toMatchObject({ host: target.host, database: target.database });

    const byUrl = record(
      await admin.connections.create({
        name: "by-url",
        type: "postgres",
        config: {
          connectionString: `postgresql://${target.user}:${URL_PASSWORD}@${target.host}:${target.port}/${target.database}`,
        },
      }),
    );
    expect(byUrl.secrets).toEqual({ "connectionString.password": "set" });
    expect(byUrl.config.connectionString).toBe(
      `postgresql://${target.user}@${target.host}:${target.port}/${target.database}`,
    );

    const { row, full } = await stored(discrete.id);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
    expect(full).toMatchObject({ password: PASSWORD });
    expect((await stored(byUrl.id)).full).toMatchObject({
      connectionString: expect.stringContaining(`:${URL_PASSWORD}@`),
    });
  });

  it("keeps a secret the update omits (or leaves empty) and clears it only when asked", async () => {
    const admin = await env.callerAs("admin");
    const [conn] = (await admin.connections.list()).filter((c) => c.name === "warehouse");
    if (!conn) throw new Error("missing");
    record(
      await admin.connections.update({ id: conn.id, config: { ...conn.config, schema: "public" } }),
    );
    expect((await stored(conn.id)).full).toMatchObject({ password: PASSWORD });
    record(
      await admin.connections.update({ id: conn.id, config: { ...conn.config, password: "" } }),
    );
    expect((await stored(conn.id)).full).toMatchObject({ password: PASSWORD });
    record(
      await admin.connections.update({
        id: conn.id,
        config: { ...conn.config, password: NEW_PASSWORD },
      }),
    );
    expect((await stored(conn.id)).full).toMatchObject({ password: NEW_PASSWORD });
    const cleared = record(
      await admin.connections.update({
        id: conn.id,
        config: conn.config,
        clearSecrets: ["password"],
      }),
    );
    expect(cleared.secrets).toEqual({});
    record(
      await admin.connections.update({
        id: conn.id,
        config: { ...conn.config, password: PASSWORD },
      }),
    );
  });

  it("validates settings with the connector's schema (clean BAD_REQUEST with issues)", async () => {
    const admin = await env.callerAs("admin");
    await expect(
      admin.connections.create({
        name: "broken",
        type: "postgres",
        config: { host: "", port: "x" },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      admin.connections.create({ name: "nope", type: "oracle", config: {} }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("tests a connection with the unsealed settings and reports a failure's message", async () => {
    const admin = await env.callerAs("builder");
    const [conn] = (await admin.connections.list()).filter((c) => c.name === "warehouse");
    expect(record(await admin.connections.test({ id: conn?.id ?? "" }))).toEqual({ ok: true });
    const owner = await env.callerAs("admin");
    const dead = await owner.connections.create({
      name: "dead",
      type: "postgres",
      config: {
        host: "127.0.0.1",
        port: 1,
        database: "x",
        user: "u",
        password: PASSWORD,
        connectTimeoutMs: 2000,
      },
    });
    const result = record(await admin.connections.test({ id: dead.id }));
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({
      message: expect.stringMatching(/127\.0\.0\.1|connect|refused/i),
    });
  });

  it("enforces the allow-list on create, update and test once it has entries", async () => {
    const admin = await env.callerAs("admin");
    const entry = await admin.allowList.add({ pattern: "*.allowed.example", note: "" });
    const config = { ...target, password: PASSWORD };
    await expect(
      admin.connections.create({ name: "blocked", type: "postgres", config }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining(`"${target.host}" is not on the allow-list`),
    });
    const [conn] = (await admin.connections.list()).filter((c) => c.name === "warehouse");
    await expect(admin.connections.test({ id: conn?.id ?? "" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // pg honours ?host= over the authority: an allowed-looking URL must not smuggle a host in.
    await expect(
      admin.connections.create({
        name: "smuggled",
        type: "postgres",
        config: { connectionString: `postgresql://u@db.allowed.example/x?host=${target.host}` },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const local = await admin.allowList.add({ pattern: target.host, note: "test server" });
    expect(record(await admin.connections.test({ id: conn?.id ?? "" }))).toEqual({ ok: true });
    await admin.allowList.remove({ id: local.id });
    await admin.allowList.remove({ id: entry.id });
  });

  it.each([
    "Robert'); DROP TABLE connections;--",
    'quote " and \\ backslash',
    "ünïcödé 名前 ☃ 🚀",
    "semi;colon -- comment /* x */",
  ])("stores hostile name %j intact (connection and allow-list pattern)", async (name) => {
    const admin = await env.callerAs("admin");
    const created = await admin.connections.create({
      name,
      type: "postgres",
      config: { ...target },
    });
    expect(created.name).toBe(name);
    expect((await admin.connections.get({ id: created.id })).name).toBe(name);
    const pattern = await admin.allowList.add({ pattern: name, note: name });
    expect((await admin.allowList.list()).find((p) => p.id === pattern.id)).toMatchObject({
      pattern: name,
      note: name,
    });
    await admin.allowList.remove({ id: pattern.id });
    await admin.connections.delete({ id: created.id });
  });

  it("never returns or logs a secret: every response, the audit log and pino output are clean", async () => {
    const admin = await env.callerAs("admin");
    responses.push(await admin.connections.list());
    for (const conn of await admin.connections.list())
      responses.push(await admin.connections.get({ id: conn.id }));
    responses.push(await admin.audit.list({ limit: 200 }));
    const text = JSON.stringify(responses);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain("connection.update"); // the audit log was really scanned

    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const logger = createLogger("scrub-test", "debug", sink);
    // What a careless developer might log: the unsealed settings, in the shapes the code uses.
    for (const conn of await admin.connections.list()) {
      const { full } = await stored(conn.id);
      logger.info({ config: full }, "opening connection");
      logger.info({ connection: { name: conn.name, config: full } }, "connection loaded");
      logger.info(full, "settings");
    }
    const handler = createTrpcFetchHandler({
      db: env.handle.db,
      keyRing: env.ring,
      endpoint: "/api/trpc",
      logger,
    });
    const token = await env.sessionFor(env.users.admin);
    const response = await handler(
      new Request("http://duplex.test/api/trpc/connections.list", {
        headers: { cookie: `duplex_session=${token}` },
      }),
    );
    const body = await response.text();
    expect(body).toContain("warehouse");
    for (const secret of SECRETS) expect(body).not.toContain(secret);
    const logged = lines.join("");
    expect(logged).toContain("opening connection");
    for (const secret of SECRETS) expect(logged).not.toContain(secret);
  });
});
