import { verify } from "node:crypto";
import { z } from "zod";

// The OAuth 2.0 JWT bearer flow (RFC 7523) as Salesforce runs it: the client signs an RS256
// assertion { iss: consumer key, sub: username, aud: login host, exp } with the private key whose
// certificate is uploaded to the connected app; no client secret is sent.

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

const header = z.object({ alg: z.string() });
const claims = z.object({
  iss: z.string(),
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
});

export interface JwtExpectations {
  /** PEM public key or certificate of the connected app; null when none is configured. */
  publicKey: string | null;
  clientId: string;
  username: string;
  /** Accepted audiences (login.salesforce.com, test.salesforce.com, the emulator's own URL). */
  audiences: string[];
  nowMs: number;
}

export type JwtVerdict = { ok: true } | { ok: false; error: string; description: string };

const invalid = (description: string): JwtVerdict => ({
  ok: false,
  error: "invalid_grant",
  description,
});

function decodePart(part: string | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Checks an assertion the way Salesforce reports problems (error_description texts). */
export function verifyJwtAssertion(assertion: string, expect: JwtExpectations): JwtVerdict {
  const parts = assertion.split(".");
  const head = header.safeParse(decodePart(parts[0]));
  const body = claims.safeParse(decodePart(parts[1]));
  if (parts.length !== 3 || !head.success || !body.success || head.data.alg !== "RS256") {
    return invalid("invalid assertion");
  }
  if (expect.publicKey === null) {
    return { ok: false, error: "invalid_client", description: "invalid client credentials" };
  }
  let signed: boolean;
  try {
    signed = verify(
      "RSA-SHA256",
      Buffer.from(`${parts[0]}.${parts[1]}`),
      expect.publicKey,
      Buffer.from(parts[2] ?? "", "base64url"),
    );
  } catch {
    signed = false;
  }
  if (!signed) return invalid("invalid assertion");
  if (body.data.iss !== expect.clientId) {
    return { ok: false, error: "invalid_client_id", description: "client identifier invalid" };
  }
  const audiences = Array.isArray(body.data.aud) ? body.data.aud : [body.data.aud];
  if (!audiences.some((a) => expect.audiences.includes(a.replace(/\/$/, "")))) {
    return invalid("audience is invalid");
  }
  if (body.data.exp * 1000 <= expect.nowMs) return invalid("expired authorization code");
  if (body.data.sub.toLowerCase() !== expect.username.toLowerCase()) {
    return invalid("user hasn't approved this consumer");
  }
  return { ok: true };
}
