import { generateKeyPairSync, sign } from "node:crypto";
import { Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type SalesforceEmulator, startSalesforceEmulator } from "../emulator";
import { JWT_BEARER_GRANT } from "./jwt-bearer";

const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const otherKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = (k: typeof keys.privateKey) => k.export({ type: "pkcs8", format: "pem" }).toString();

function assertion(claims: Record<string, unknown>, privateKey = pem(keys.privateKey)): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const unsigned = `${part({ alg: "RS256" })}.${part(claims)}`;
  return `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), privateKey).toString("base64url")}`;
}

async function token(emu: SalesforceEmulator, jwt: string) {
  const res = await fetch(`${emu.loginUrl}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion: jwt }),
  });
  return { status: res.status, body: z.record(z.string(), z.unknown()).parse(await res.json()) };
}

describe("JWT bearer grant", () => {
  let emu: SalesforceEmulator;
  let bare: SalesforceEmulator;
  const claims = () => ({
    iss: emu.clientId,
    sub: emu.username,
    aud: "https://login.salesforce.com",
    exp: Math.floor(Date.now() / 1000) + 120,
  });
  beforeAll(async () => {
    const publicKey = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
    emu = await startSalesforceEmulator({ seed: false, jwtPublicKey: publicKey });
    bare = await startSalesforceEmulator({ seed: false });
  });
  afterAll(async () => {
    await emu.close();
    await bare.close();
  });

  it("issues a working access token for a signed assertion", async () => {
    const res = await token(emu, assertion(claims()));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ instance_url: emu.url, token_type: "Bearer" });
    const conn = new Connection({
      instanceUrl: String(res.body.instance_url),
      accessToken: String(res.body.access_token),
    });
    expect((await conn.query("SELECT COUNT() FROM Account")).totalSize).toBe(0);
  });

  it.each<[string, () => string, string, string]>([
    [
      "another key's signature",
      () => assertion(claims(), pem(otherKeys.privateKey)),
      "invalid_grant",
      "invalid assertion",
    ],
    ["garbage", () => "not.a.jwt", "invalid_grant", "invalid assertion"],
    [
      "an unknown issuer",
      () => assertion({ ...claims(), iss: "nope" }),
      "invalid_client_id",
      "client identifier invalid",
    ],
    [
      "a foreign audience",
      () => assertion({ ...claims(), aud: "https://evil.example" }),
      "invalid_grant",
      "audience is invalid",
    ],
    [
      "an expired assertion",
      () => assertion({ ...claims(), exp: 1 }),
      "invalid_grant",
      "expired authorization code",
    ],
    [
      "an unknown user",
      () => assertion({ ...claims(), sub: "who@x.com" }),
      "invalid_grant",
      "user hasn't approved this consumer",
    ],
  ])("rejects %s", async (_name, jwt, error, description) => {
    const res = await token(emu, jwt());
    expect(res).toEqual({ status: 400, body: { error, error_description: description } });
  });

  it("is refused when no connected-app key is configured", async () => {
    const res = await token(bare, assertion({ ...claims(), iss: bare.clientId }));
    expect(res.body).toMatchObject({ error: "invalid_client" });
  });
});
