import { Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Fixture,
  oauthLogin,
  rejectionOf,
  soapLogin,
  startFixture,
  tokenOnly,
} from "../testing/fixture";

describe("authentication (jsforce)", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await startFixture({ tokenTtlSeconds: 60 });
  });
  afterAll(() => fx.emu.close());

  it.each([
    ["SOAP login()", soapLogin],
    ["OAuth2 username-password", oauthLogin],
  ])("%s establishes a working session", async (_name, login) => {
    const conn = await login(fx.emu);
    expect(conn.instanceUrl).toBe(fx.emu.url);
    expect(conn.accessToken).toMatch(/^00D[a-zA-Z0-9]{12}!/);
    expect(conn.userInfo?.organizationId).toMatch(/^00D/);
    expect(conn.userInfo?.id).toMatch(/^005/);
    const identity = await conn.identity();
    expect(identity.username).toBe(fx.emu.username);
  });

  it("client-credentials grant returns the documented token response", async () => {
    const conn = new Connection({
      oauth2: {
        loginUrl: fx.emu.loginUrl,
        clientId: fx.emu.clientId,
        clientSecret: fx.emu.clientSecret,
      },
    });
    const res = await conn.oauth2.requestToken({ grant_type: "client_credentials" });
    expect(res).toMatchObject({ instance_url: fx.emu.url, token_type: "Bearer" });
    expect(Object.keys(res)).toEqual(
      expect.arrayContaining(["access_token", "id", "issued_at", "signature"]),
    );
    await conn.authorize({ grant_type: "client_credentials" });
    expect((await conn.query("SELECT COUNT() FROM Account")).totalSize).toBe(0);
  });

  type Override = {
    username?: string;
    password?: string;
    clientId?: string;
    clientSecret?: string;
  };
  it.each<[string, Override, string, string]>([
    ["bad password", { password: "nope" }, "invalid_grant", "authentication failure"],
    ["unknown user", { username: "who@x.com" }, "invalid_grant", "authentication failure"],
    ["bad client secret", { clientSecret: "nope" }, "invalid_client", "invalid client credentials"],
    ["bad client id", { clientId: "nope" }, "invalid_client_id", "client identifier invalid"],
  ])("OAuth2 rejects %s", async (_name, override, error, description) => {
    const { emu } = fx;
    const conn = new Connection({
      oauth2: {
        loginUrl: emu.loginUrl,
        clientId: override.clientId ?? emu.clientId,
        clientSecret: override.clientSecret ?? emu.clientSecret,
      },
    });
    const err = await rejectionOf(
      conn.login(override.username ?? emu.username, override.password ?? emu.password),
    );
    expect(err).toMatchObject({ name: error, message: description });
  });

  it("SOAP login with a bad password fails with INVALID_LOGIN", async () => {
    const conn = new Connection({ loginUrl: fx.emu.loginUrl });
    const err = await rejectionOf(conn.login(fx.emu.username, "wrong"));
    expect(err.message).toContain("INVALID_LOGIN");
  });

  it.each([
    ["no token", ""],
    ["unknown token", "00D000000000000!garbage"],
  ])("API calls with %s get 401 INVALID_SESSION_ID", async (_name, token) => {
    const conn = new Connection({ instanceUrl: fx.emu.url, accessToken: token });
    const err = await rejectionOf(conn.query("SELECT Id FROM Account"));
    expect(err).toMatchObject({
      errorCode: "INVALID_SESSION_ID",
      message: "Session expired or invalid",
    });
  });

  it("tokens expire after the configured TTL", async () => {
    const conn = tokenOnly(await oauthLogin(fx.emu));
    await conn.query("SELECT Id FROM Account");
    fx.advance(61_000);
    const err = await rejectionOf(conn.query("SELECT Id FROM Account"));
    expect(err.errorCode).toBe("INVALID_SESSION_ID");
  });

  it("a password-login connection transparently re-logs in after expiry (jsforce refresh delegate)", async () => {
    const conn = await soapLogin(fx.emu);
    const before = conn.accessToken;
    fx.advance(61_000);
    await conn.query("SELECT Id FROM Account");
    expect(conn.accessToken).not.toBe(before);
  });

  it.each([
    ["SOAP", soapLogin],
    ["OAuth2", oauthLogin],
  ])("%s logout revokes the session", async (_name, login) => {
    const conn = await login(fx.emu);
    const detached = tokenOnly(conn);
    await conn.logout();
    const err = await rejectionOf(detached.query("SELECT Id FROM Account"));
    expect(err.errorCode).toBe("INVALID_SESSION_ID");
  });
});
