/**
 * Cookie names and attributes. Over HTTPS the names carry the `__Host-` prefix: browsers then
 * refuse the cookie unless it is Secure, host-only and Path=/, so a sibling subdomain cannot plant
 * or overwrite it (which would defeat the double-submit CSRF check).
 */
export const SESSION_COOKIE = "duplex_session";
export const CSRF_COOKIE = "duplex_csrf";
export const CSRF_HEADER = "x-duplex-csrf";

export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}

export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(raw));
    } catch {
      // A malformed value is treated as absent rather than failing the request.
    }
  }
  return cookies;
}

/** Reads a cookie under its secure or plain name, preferring the one matching the scheme. */
export function readCookie(
  cookies: Map<string, string>,
  base: string,
  secure: boolean,
): string | null {
  return cookies.get(cookieName(base, secure)) ?? null;
}

export interface CookieOptions {
  secure: boolean;
  httpOnly: boolean;
  sameSite: "Lax" | "Strict";
  expires?: Date;
  maxAgeSeconds?: number;
}

export function serializeCookie(base: string, value: string, options: CookieOptions): string {
  const parts = [`${cookieName(base, options.secure)}=${encodeURIComponent(value)}`, "Path=/"];
  if (options.expires) parts.push(`Expires=${options.expires.toUTCString()}`);
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.httpOnly) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  parts.push(`SameSite=${options.sameSite}`);
  return parts.join("; ");
}

/** The session cookie: HttpOnly (scripts never see it), SameSite=Lax, Secure over HTTPS. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, token, {
    secure,
    httpOnly: true,
    sameSite: "Lax",
    expires: expiresAt,
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, "", {
    secure,
    httpOnly: true,
    sameSite: "Lax",
    expires: new Date(0),
    maxAgeSeconds: 0,
  });
}

/** The CSRF cookie is readable by the page on purpose: the client copies it into a header. */
export function csrfCookie(token: string, secure: boolean): string {
  return serializeCookie(CSRF_COOKIE, token, { secure, httpOnly: false, sameSite: "Strict" });
}
