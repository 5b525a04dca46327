import type { NextConfig } from "next";
import { securityHeaders } from "./src/server/security-headers";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: [
    "@duplex/api",
    "@duplex/connectors",
    "@duplex/core",
    "@duplex/db",
    "@duplex/devstack",
    "@duplex/flows",
  ],
  // Native or Node-only packages stay outside the bundle and load at run time.
  serverExternalPackages: [
    "pg",
    "@temporalio/client",
    "@temporalio/common",
    "@temporalio/activity",
    "@node-rs/argon2",
    "pino",
    "pino-pretty",
    "jsforce",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@temporalio/testing",
  ],
  // Lets tests run a second dev server beside a developer's own without sharing a build dir.
  distDir: process.env.DUPLEX_NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // CSP, nosniff, frame and referrer policies on every response (see security-headers.ts).
  headers: async () => [
    { source: "/:path*", headers: securityHeaders(process.env.NODE_ENV === "development") },
  ],
  devIndicators: false,
};

export default config;
