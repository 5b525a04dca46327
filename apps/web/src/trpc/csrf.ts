/**
 * The browser half of the double-submit CSRF check (see packages/api/src/http/csrf.ts): read the
 * `duplex_csrf` cookie (issued by the server, or created here on a first visit) and send it back
 * in the `x-duplex-csrf` header. Another site can do neither.
 */
export const CSRF_HEADER = "x-duplex-csrf";

function cookieName(): string {
  return window.location.protocol === "https:" ? "__Host-duplex_csrf" : "duplex_csrf";
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function csrfToken(): string {
  const name = cookieName();
  const existing = readCookie(name);
  if (existing && existing.length >= 16) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser Duplex supports.
  document.cookie = `${name}=${token}; Path=/; SameSite=Strict${secure}`;
  return token;
}
