import pino, { type DestinationStream, type Logger } from "pino";

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
  "securityToken",
  "*.securityToken",
  "*.*.securityToken",
  "refreshToken",
  "*.refreshToken",
  "apiKey",
  "*.apiKey",
  "connectionString",
  "*.connectionString",
  "*.*.connectionString",
  "config.password",
  "*.config.password",
  "config.auth",
  "*.config.auth",
  "secretCiphertext",
  "*.secretCiphertext",
];

/** `destination` defaults to stdout; tests pass a stream to inspect what would be logged. */
export function createLogger(
  name: string,
  level = process.env.LOG_LEVEL ?? "info",
  destination?: DestinationStream,
): Logger {
  const options = { name, level, redact: { paths: redactedPaths, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
