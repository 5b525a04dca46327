import { sign } from "node:crypto";
import { Connection } from "jsforce";
import { z } from "zod";
import { ConnectorError } from "../types";
import { principalOf, type SalesforceConnectionConfig } from "./config";
import { errorCodeOf, isNetworkError, isTransientCode, messageOf } from "./errors";

/** What a login yields: enough to build a jsforce Connection. */
export interface SalesforceToken {
  accessToken: string;
  instanceUrl: string;
}

const tokenResponse = z.object({ access_token: z.string().min(1), instance_url: z.url() });
const oauthError = z.object({ error: z.string(), error_description: z.string().optional() });

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** Salesforce accepts assertions that expire within a few minutes. */
const JWT_LIFETIME_SECONDS = 180;

/**
 * The JWT `aud` Salesforce expects: login.salesforce.com for production (My Domain logins
 * included), test.salesforce.com for sandboxes, otherwise the login origin itself (Experience
 * Cloud sites, the local emulator).
 */
export function jwtAudience(loginUrl: string): string {
  const { hostname, origin } = new URL(loginUrl);
  if (hostname === "test.salesforce.com" || hostname.endsWith(".sandbox.my.salesforce.com"))
    return "https://test.salesforce.com";
  if (hostname === "login.salesforce.com" || hostname.endsWith(".my.salesforce.com"))
    return "https://login.salesforce.com";
  return origin;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/** An RS256-signed JWT bearer assertion (RFC 7523) as Salesforce's JWT flow wants it. */
export function jwtAssertion(
  claims: { clientId: string; username: string; audience: string },
  privateKey: string,
  nowMs = Date.now(),
): string {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: claims.clientId,
      sub: claims.username,
      aud: claims.audience,
      exp: Math.floor(nowMs / 1000) + JWT_LIFETIME_SECONDS,
    }),
  );
  let signature: Buffer;
  try {
    signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKey);
  } catch (error) {
    throw new ConnectorError(
      `the JWT private key cannot sign: ${messageOf(error)}`,
      "invalid_private_key",
      false,
      { cause: error },
    );
  }
  return `${header}.${payload}.${base64url(signature)}`;
}

function rejected(config: SalesforceConnectionConfig, detail: string, cause?: unknown) {
  const who = principalOf(config.auth);
  const what =
    config.auth.type === "jwt"
      ? "the JWT bearer assertion"
      : config.auth.type === "client-credentials"
        ? "the client credentials"
        : "the credentials";
  return new ConnectorError(
    `Salesforce rejected ${what} for ${who}: ${detail}`,
    "authentication_failed",
    false,
    { cause },
  );
}

function unreachable(config: SalesforceConnectionConfig, error: unknown): ConnectorError {
  const code = errorCodeOf(error) ?? "network error";
  return new ConnectorError(
    `cannot reach Salesforce at ${config.loginUrl} (${code}: ${messageOf(error)})`,
    "unreachable",
    isTransientCode(code),
    { cause: error },
  );
}

/** POSTs an OAuth 2.0 token request and parses the answer (zod: nothing is trusted blindly). */
async function requestToken(
  config: SalesforceConnectionConfig,
  params: Record<string, string>,
): Promise<SalesforceToken> {
  const url = new URL("/services/oauth2/token", config.loginUrl);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(params),
    });
  } catch (error) {
    throw unreachable(config, error);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.ok) {
    const token = tokenResponse.safeParse(body);
    if (token.success)
      return { accessToken: token.data.access_token, instanceUrl: token.data.instance_url };
    throw new ConnectorError(
      `unexpected token response from ${url.origin}: ${text.slice(0, 200)}`,
      "unexpected_response",
      false,
    );
  }
  const error = oauthError.safeParse(body);
  if (response.status < 500 && error.success) {
    throw rejected(config, error.data.error_description ?? error.data.error);
  }
  throw new ConnectorError(
    `Salesforce login at ${url.origin} failed with HTTP ${response.status}: ${text.slice(0, 200)}`,
    `ERROR_HTTP_${response.status}`,
    isTransientCode(`ERROR_HTTP_${response.status}`),
  );
}

/** SOAP login() through jsforce, for password auth without a connected app. */
async function soapLogin(
  config: SalesforceConnectionConfig,
  username: string,
  password: string,
): Promise<SalesforceToken> {
  const conn = new Connection({ loginUrl: config.loginUrl, version: config.apiVersion });
  try {
    await conn.loginBySoap(username, password);
  } catch (error) {
    if (isNetworkError(error)) throw unreachable(config, error);
    // The fault text is "INVALID_LOGIN: Invalid username, password, security token; or user locked out."
    if (
      /INVALID_LOGIN|LOGIN_MUST_USE_SECURITY_TOKEN|INVALID_OPERATION_WITH_EXPIRED_PASSWORD/.test(
        messageOf(error),
      )
    ) {
      throw rejected(config, "authentication failure", error);
    }
    throw new ConnectorError(
      `Salesforce login failed: ${messageOf(error)}`,
      "login_failed",
      false,
      {
        cause: error,
      },
    );
  }
  if (!conn.accessToken) throw rejected(config, "no session was returned");
  return { accessToken: conn.accessToken, instanceUrl: conn.instanceUrl };
}

/** Logs in with the configured flow. Throws ConnectorErrors that name the problem. */
export async function authenticate(config: SalesforceConnectionConfig): Promise<SalesforceToken> {
  const { auth } = config;
  let token: SalesforceToken;
  switch (auth.type) {
    case "password": {
      const password = auth.password + (auth.securityToken ?? "");
      token =
        auth.clientId !== undefined && auth.clientSecret !== undefined
          ? await requestToken(config, {
              grant_type: "password",
              client_id: auth.clientId,
              client_secret: auth.clientSecret,
              username: auth.username,
              password,
            })
          : await soapLogin(config, auth.username, password);
      break;
    }
    case "client-credentials":
      token = await requestToken(config, {
        grant_type: "client_credentials",
        client_id: auth.clientId,
        client_secret: auth.clientSecret,
      });
      break;
    case "jwt":
      token = await requestToken(config, {
        grant_type: JWT_BEARER,
        assertion: jwtAssertion(
          {
            clientId: auth.clientId,
            username: auth.username,
            audience: jwtAudience(config.loginUrl),
          },
          auth.privateKey,
        ),
      });
      break;
  }
  return config.instanceUrl === undefined ? token : { ...token, instanceUrl: config.instanceUrl };
}
