import { createServer } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPostgresConnector } from "./connector";
import { type PostgresFixture, postgresFixture } from "./test-support";

let fx: PostgresFixture;
let closedPort: number;

beforeAll(async () => {
  fx = await postgresFixture();
  // A port that was just free: nothing listens there.
  closedPort = await new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 1;
      server.close(() => resolve(port));
    });
  });
});
afterAll(async () => fx?.close());

function withUser(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

it("passes test() with good settings", async () => {
  await expect(fx.connector().test()).resolves.toBeUndefined();
});

it.each([
  {
    name: "bad credentials",
    config: () => ({ connectionString: withUser(fx.db.url, "no_such_user_duplex", "wrong") }),
    message: () => /authentication failed for user "no_such_user_duplex"/,
    code: "authentication_failed",
    transient: false,
  },
  {
    name: "unreachable host",
    config: () => ({
      host: "127.0.0.1",
      port: closedPort,
      database: "x",
      user: "postgres",
      connectTimeoutMs: 2000,
    }),
    message: () => new RegExp(`cannot reach 127\\.0\\.0\\.1:${closedPort} `),
    code: "unreachable",
    transient: true,
  },
])("turns $name into a clear ConnectorError", async ({ config, message, code, transient }) => {
  // PGlite accepts any user, so the credentials case only means something on a real server.
  if (fx.db.embedded && code === "authentication_failed") return;
  const connector = createPostgresConnector(config());
  try {
    const error = await connector.test().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "ConnectorError", code, transient });
    expect(error).toHaveProperty("message", expect.stringMatching(message()));
  } finally {
    await connector.close();
  }
});
