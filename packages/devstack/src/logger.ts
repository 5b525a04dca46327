import pino, { type Logger } from "pino";

/**
 * Paths pino redacts everywhere. Credentials travel in objects with these names; redacting here
 * means a careless `log.info({ connection })` cannot leak a secret.
 */
export const redactedPaths = [
  "password",
  "*.password",
  "*.*.password",
  "secret",
  "*.secret",
  "*.*.secret",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "clientSecret",
  "*.clientSecret",
  "*.*.clientSecret",
  "privateKey",
  "*.privateKey",
  "credentials",
  "*.credentials",
  "authorization",
  "*.authorization",
  "headers.cookie",
  "*.headers.cookie",
];

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ name, level, redact: { paths: redactedPaths, censor: "[redacted]" } });
}
export type { Logger };
