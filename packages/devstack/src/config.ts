import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { StartupError } from "./errors";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const port = z.coerce.number().int().min(1).max(65_535);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

/**
 * Every environment variable Duplex reads, validated once. The README's configuration table is
 * this schema in prose; nothing else in the code reads process.env for configuration.
 */
export const envSchema = z.object({
  DATABASE_URL: optionalString.pipe(
    z.url({ message: "DATABASE_URL must be a postgresql:// URL" }).optional(),
  ),
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().default("default"),
  TEMPORAL_CLI_PATH: optionalString,
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  DUPLEX_TASK_QUEUE: z.string().min(1).default("duplex"),
  DUPLEX_DATA_DIR: z.string().default(path.join(repoRoot, ".data")),
  DUPLEX_SECRET_KEY: optionalString,
  DUPLEX_EMBEDDED_PG_PORT: port.default(54329),
  HOST: z.string().default("127.0.0.1"),
  PORT: port.default(3000),
  DUPLEX_PUBLIC_URL: optionalString,
  DUPLEX_SF_EMULATOR: z.enum(["on", "off"]).default("on"),
  DUPLEX_SF_EMULATOR_PORT: port.default(8484),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type DuplexEnv = z.infer<typeof envSchema>;

export function loadEnv(env: NodeJS.ProcessEnv = process.env): DuplexEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new StartupError(`Invalid configuration: ${problems}.`);
  }
  return parsed.data;
}

/** What every Duplex process (web, worker) needs once the stack is up. Passed down as env vars. */
export const runtimeEnvSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required"),
  TEMPORAL_ADDRESS: z.string().min(1, "TEMPORAL_ADDRESS is required"),
  TEMPORAL_NAMESPACE: z.string().default("default"),
  DUPLEX_TASK_QUEUE: z.string().default("duplex"),
  DUPLEX_SECRET_KEY: z.string().min(1, "DUPLEX_SECRET_KEY is required"),
  LOG_LEVEL: z.string().default("info"),
  /** When https, cookies are Secure and `__Host-` prefixed; its origin is accepted by the CSRF check. */
  DUPLEX_PUBLIC_URL: optionalString,
  /** "on" behind a TLS-terminating reverse proxy: trust X-Forwarded-Proto. */
  DUPLEX_TRUST_PROXY: z.enum(["on", "off"]).default("off"),
  /** Sessions end after this many idle hours, and never last longer than the absolute limit. */
  DUPLEX_SESSION_IDLE_HOURS: z.coerce.number().positive().default(12),
  DUPLEX_SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .default(7 * 24),
});
export type RuntimeEnv = z.infer<typeof runtimeEnvSchema>;

export function loadRuntimeEnv(env: NodeJS.ProcessEnv = process.env): RuntimeEnv {
  const parsed = runtimeEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new StartupError(`Invalid configuration: ${problems}.`);
  }
  return parsed.data;
}
