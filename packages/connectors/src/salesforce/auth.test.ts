import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwtAudience } from "./auth";
import type { SalesforceConnectionConfigInput } from "./config";
import { rejection, type SalesforceFixture, salesforceFixture } from "./test-support";

const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privateKey = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicKey = keys.publicKey.export({ type: "spki", format: "pem" }).toString();

let fx: SalesforceFixture;
beforeAll(async () => {
  fx = await salesforceFixture({ jwtPublicKey: publicKey, tokenTtlSeconds: 600 });
});
afterAll(async () => fx?.close());

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 1;
      server.close(() => resolve(port));
    });
  });
}

describe("authentication", () => {
  const flows: [string, () => SalesforceConnectionConfigInput["auth"]][] = [
    [
      "password via SOAP login()",
      () => ({ type: "password", username: fx.emu.username, password: fx.emu.password }),
    ],
    [
      "password via OAuth",
      () => ({
        type: "password",
        username: fx.emu.username,
        password: fx.emu.password,
        clientId: fx.emu.clientId,
        clientSecret: fx.emu.clientSecret,
      }),
    ],
    [
      "client credentials",
      () => ({
        type: "client-credentials",
        clientId: fx.emu.clientId,
        clientSecret: fx.emu.clientSecret,
      }),
    ],
    [
      "JWT bearer",
      () => ({ type: "jwt", clientId: fx.emu.clientId, username: fx.emu.username, privateKey }),
    ],
  ];

  it.each(flows)("%s logs in lazily and passes test()", async (_name, auth) => {
    const sf = fx.connector({ auth: auth() });
    expect(sf.session.logins).toBe(0);
    await sf.test();
    await expect(sf.describeObject("Account")).resolves.toMatchObject({ name: "Account" });
    expect(sf.session.logins).toBe(1);
  });

  it.each<[string, () => SalesforceConnectionConfigInput["auth"], RegExp]>([
    [
      "a bad password (SOAP)",
      () => ({ type: "password", username: fx.emu.username, password: "wrong" }),
      /^Salesforce rejected the credentials for admin@duplex\.local: authentication failure$/,
    ],
    [
      "a bad password (OAuth)",
      () => ({
        type: "password",
        username: fx.emu.username,
        password: "wrong",
        clientId: fx.emu.clientId,
        clientSecret: fx.emu.clientSecret,
      }),
      /^Salesforce rejected the credentials for admin@duplex\.local: authentication failure$/,
    ],
    [
      "a bad client secret",
      () => ({ type: "client-credentials", clientId: fx.emu.clientId, clientSecret: "wrong" }),
      /^Salesforce rejected the client credentials for client duplex-emulator-client: invalid client credentials$/,
    ],
    [
      "a JWT signed with another key",
      () => ({
        type: "jwt",
        clientId: fx.emu.clientId,
        username: fx.emu.username,
        privateKey: generateKeyPairSync("rsa", { modulusLength: 2048 })
          .privateKey.export({ type: "pkcs8", format: "pem" })
          .toString(),
      }),
      /^Salesforce rejected the JWT bearer assertion for admin@duplex\.local: invalid assertion$/,
    ],
  ])("reports %s clearly", async (_name, auth, message) => {
    const error = await rejection(fx.connector({ auth: auth() }).test());
    expect(error).toMatchObject({
      name: "ConnectorError",
      code: "authentication_failed",
      transient: false,
    });
    expect(error).toHaveProperty("message", expect.stringMatching(message));
  });

  it("reports an unreachable org as transient", async () => {
    const port = await closedPort();
    const error = await rejection(fx.connector({ loginUrl: `http://127.0.0.1:${port}` }).test());
    expect(error).toMatchObject({ name: "ConnectorError", code: "unreachable", transient: true });
    expect(error).toHaveProperty(
      "message",
      expect.stringMatching(
        new RegExp(`^cannot reach Salesforce at http://127\\.0\\.0\\.1:${port}/? \\(ECONNREFUSED`),
      ),
    );
  });

  it("rejects a private key that cannot sign, before any request", async () => {
    const sf = fx.connector({
      auth: {
        type: "jwt",
        clientId: fx.emu.clientId,
        username: fx.emu.username,
        privateKey: "not a key",
      },
    });
    await expect(sf.test()).rejects.toMatchObject({
      code: "invalid_private_key",
      transient: false,
    });
  });
});

describe("session expiry", () => {
  it("logs in again once on INVALID_SESSION_ID and retries the call", async () => {
    const sf = fx.connector();
    await sf.test();
    fx.advance(601_000); // past the 600 s token lifetime
    await expect(sf.readAll("Account", { cursor: null, pageSize: 10 })).resolves.toEqual({
      records: [],
      nextCursor: null,
    });
    expect(sf.session.logins).toBe(2);
  });

  it("gives up after one re-login when fresh sessions are rejected too", async () => {
    const dead = await salesforceFixture({ tokenTtlSeconds: 0 });
    try {
      const sf = dead.connector();
      const error = await rejection(sf.test());
      expect(error).toMatchObject({
        name: "ConnectorError",
        code: "INVALID_SESSION_ID",
        transient: false,
      });
      expect(sf.session.logins).toBe(2);
    } finally {
      await dead.close();
    }
  });
});

describe("JWT audience", () => {
  it.each([
    ["https://login.salesforce.com", "https://login.salesforce.com"],
    ["https://acme.my.salesforce.com", "https://login.salesforce.com"],
    ["https://test.salesforce.com", "https://test.salesforce.com"],
    ["https://acme--uat.sandbox.my.salesforce.com", "https://test.salesforce.com"],
    ["https://acme.my.site.com/customers", "https://acme.my.site.com"],
    ["http://127.0.0.1:4567", "http://127.0.0.1:4567"],
  ])("%s → %s", (loginUrl, audience) => {
    expect(jwtAudience(loginUrl)).toBe(audience);
  });
});
