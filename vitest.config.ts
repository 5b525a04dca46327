import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One run for the whole repo: test files sit beside their code, end-to-end tests under e2e/.
// Files run in parallel (2 workers on a 2-core machine); each file provisions its own database
// and Temporal task queue through @duplex/testing, so files never share state.
export default defineConfig({
  // apps/web imports its own modules as "@/..." (its tsconfig paths); component tests need the same.
  // apps/web keeps "jsx": "preserve" for Next; tests compile JSX themselves.
  oxc: { jsx: { runtime: "automatic" } },
  resolve: {
    alias: [
      { find: /^@\//, replacement: fileURLToPath(new URL("./apps/web/src/", import.meta.url)) },
    ],
  },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/*/src/**/*.test.ts",
      "apps/*/src/**/*.test.tsx",
      "e2e/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    globalSetup: ["./scripts/test-global-setup.ts"],
    pool: "forks",
    maxWorkers: Number(process.env.DUPLEX_TEST_WORKERS ?? 2),
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
