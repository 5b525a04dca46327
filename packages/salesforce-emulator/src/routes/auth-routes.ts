import { createHmac, timingSafeEqual } from "node:crypto";
import { JWT_BEARER_GRANT, verifyJwtAssertion } from "../auth/jwt-bearer";
import { bearerToken } from "../auth/sessions";
import { elementText, hasElement, soapEnvelope, soapFault, xmlElements } from "../auth/soap-xml";
import type { EmulatorContext } from "../server/context";
import { type ApiRequest, type ApiResponse, header, json, text } from "../server/http-types";
import type { Router } from "../server/router";

// OAuth 2.0 token/revoke endpoints (username-password, client-credentials and JWT bearer flows), the
// identity URL, and the partner SOAP login()/logout() that jsforce's conn.login() uses.

const XML = "text/xml; charset=UTF-8";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAuthRoutes(router: Router, ctx: EmulatorContext): void {
  const { config } = ctx;
  const oauthError = (error: string, description: string): ApiResponse =>
    json(400, { error, error_description: description });

  router.add(
    "POST",
    "/services/oauth2/token",
    (req) => {
      const params = new URLSearchParams(req.body.toString("utf8"));
      const grant = params.get("grant_type");
      if (grant === JWT_BEARER_GRANT) {
        const verdict = verifyJwtAssertion(params.get("assertion") ?? "", {
          publicKey: config.jwtPublicKey,
          clientId: config.clientId,
          username: config.username,
          audiences: [req.baseUrl, "https://login.salesforce.com", "https://test.salesforce.com"],
          nowMs: ctx.now(),
        });
        if (!verdict.ok) return oauthError(verdict.error, verdict.description);
      } else if (grant !== "password" && grant !== "client_credentials") {
        return oauthError("unsupported_grant_type", "grant type not supported");
      } else if (params.get("client_id") !== config.clientId)
        return oauthError("invalid_client_id", "client identifier invalid");
      else if (!sameSecret(params.get("client_secret") ?? "", config.clientSecret)) {
        return oauthError("invalid_client", "invalid client credentials");
      }
      if (grant === "password") {
        const username = (params.get("username") ?? "").toLowerCase();
        if (
          username !== config.username.toLowerCase() ||
          !sameSecret(params.get("password") ?? "", config.password)
        ) {
          return oauthError("invalid_grant", "authentication failure");
        }
      }
      const session = ctx.sessions.issue(config.userId);
      const id = `${req.baseUrl}/id/${config.orgId}/${config.userId}`;
      const issuedAt = String(ctx.now());
      const signature = createHmac("sha256", config.clientSecret)
        .update(id + issuedAt)
        .digest("base64");
      return json(200, {
        access_token: session.token,
        instance_url: req.baseUrl,
        id,
        token_type: "Bearer",
        issued_at: issuedAt,
        signature,
        scope: "api",
      });
    },
    { auth: false },
  );

  router.add(
    "POST",
    "/services/oauth2/revoke",
    (req) => {
      const token =
        new URLSearchParams(req.body.toString("utf8")).get("token") ?? req.query.get("token") ?? "";
      return ctx.sessions.revoke(token)
        ? json(200, {})
        : oauthError("invalid_token", "invalid token");
    },
    { auth: false },
  );

  router.add(
    "GET",
    "/id/:orgId/:userId",
    (req) =>
      json(200, {
        id: `${req.baseUrl}/id/${config.orgId}/${config.userId}`,
        asserted_user: true,
        user_id: config.userId,
        organization_id: config.orgId,
        username: config.username,
        nick_name: config.username.split("@")[0],
        display_name: "Duplex Admin",
        email: config.username,
        active: true,
        user_type: "STANDARD",
        language: "en_US",
        locale: "en_US",
        utcOffset: 0,
        urls: {
          rest: `${req.baseUrl}/services/data/v{version}/`,
          query: `${req.baseUrl}/services/data/v{version}/query/`,
        },
      }),
    { metered: false },
  );

  router.add("POST", "/services/Soap/u/:soapVersion", (req) => soapCall(ctx, req), { auth: false });
  router.add("POST", "/services/Soap/u/:soapVersion/:orgId", (req) => soapCall(ctx, req), {
    auth: false,
  });
}

function soapCall(ctx: EmulatorContext, req: ApiRequest): ApiResponse {
  const { config } = ctx;
  const xml = req.body.toString("utf8");
  if (hasElement(xml, "login")) {
    const username = elementText(xml, "username") ?? "";
    const password = elementText(xml, "password") ?? "";
    if (
      username.toLowerCase() !== config.username.toLowerCase() ||
      !sameSecret(password, config.password)
    ) {
      return text(
        500,
        soapFault(
          "INVALID_LOGIN",
          "Invalid username, password, security token; or user locked out.",
        ),
        XML,
      );
    }
    const session = ctx.sessions.issue(config.userId);
    const version = req.params.soapVersion ?? "50.0";
    const userInfo = xmlElements({
      organizationId: config.orgId,
      organizationName: "Duplex Emulator Org",
      profileId: "00e5g000000AbCdAAK",
      userEmail: config.username,
      userFullName: "Duplex Admin",
      userId: config.userId,
      userName: config.username,
      userTimeZone: "GMT",
    });
    const result = xmlElements({
      metadataServerUrl: `${req.baseUrl}/services/Soap/m/${version}/${config.orgId}`,
      passwordExpired: false,
      sandbox: true,
      serverUrl: `${req.baseUrl}/services/Soap/u/${version}/${config.orgId}`,
      sessionId: session.token,
      userId: config.userId,
    });
    return text(
      200,
      soapEnvelope(
        `<loginResponse><result>${result}<userInfo>${userInfo}</userInfo></result></loginResponse>`,
      ),
      XML,
    );
  }
  if (hasElement(xml, "logout")) {
    const token = elementText(xml, "sessionId") ?? bearerToken(header(req, "authorization"));
    if (!token || !ctx.sessions.revoke(token)) {
      return text(
        500,
        soapFault(
          "INVALID_SESSION_ID",
          "Invalid Session ID found in SessionHeader: Illegal Session",
        ),
        XML,
      );
    }
    return text(200, soapEnvelope("<logoutResponse/>"), XML);
  }
  return text(
    500,
    soapFault(
      "UNKNOWN_EXCEPTION",
      "Only login and logout are supported by this emulator's SOAP API",
    ),
    XML,
  );
}
