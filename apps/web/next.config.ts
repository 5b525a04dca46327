import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@duplex/api", "@duplex/core", "@duplex/db", "@duplex/devstack"],
  // Native or Node-only packages stay outside the bundle and load at run time.
  serverExternalPackages: [
    "pg",
    "@temporalio/client",
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
  devIndicators: false,
};

export default config;
