/**
 * Security headers for every response (wired in next.config.ts `headers()`).
 *
 * CSP: everything from our own origin only. Scripts need 'unsafe-inline' because the App Router
 * streams its payload in inline <script> tags and a nonce would force every page to render
 * dynamically; 'unsafe-eval' is added in development only (React's dev tooling). Inline styles are
 * allowed because Next and xyflow set style attributes. `frame-ancestors 'none'` (and the legacy
 * X-Frame-Options: DENY) stop clickjacking; `connect-src 'self'` keeps data on our origin.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(dev: boolean): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}
