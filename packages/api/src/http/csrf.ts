import { timingSafeEqual } from "node:crypto";
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from "./cookies";

/**
 * CSRF defence for cookie-authenticated requests (documented in the README's security section).
 * Every state-changing request (anything but GET/HEAD/OPTIONS) that does not authenticate with a
 * bearer token must:
 *  1. carry the `x-duplex-csrf` header equal to the `duplex_csrf` cookie (double submit: another
 *     site can neither read our cookie nor set a custom header without a CORS preflight we never
 *     grant), and
 *  2. if the browser sends `Origin` / `Sec-Fetch-Site`, come from our own origin.
 * Sign-in is covered too, so a hostile page cannot sign a victim into the attacker's account.
 */
export function csrfProblem(
  request: Request,
  cookies: Map<string, string>,
  options: { secure: boolean; allowedOrigins: string[] },
): string | null {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return null;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") {
    return "Cross-site requests are not accepted.";
  }
  const origin = request.headers.get("origin");
  if (origin !== null && !options.allowedOrigins.includes(origin)) {
    return `Requests from origin ${origin} are not accepted.`;
  }
  const cookie = readCookie(cookies, CSRF_COOKIE, options.secure);
  const header = request.headers.get(CSRF_HEADER);
  if (!cookie || !header || cookie.length < 16) {
    return "Missing CSRF token: reload the page and try again.";
  }
  const a = Buffer.from(cookie);
  const b = Buffer.from(header);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return "Invalid CSRF token: reload the page and try again.";
  }
  return null;
}
