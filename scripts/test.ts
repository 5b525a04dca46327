import { spawn } from "node:child_process";
import path from "node:path";
import {
  buildTemporalCliWithGo,
  describeError,
  findTemporalCli,
  goAvailable,
  missingTemporalMessage,
  repoRoot,
  StartupError,
} from "@duplex/devstack";

// `npm test`: make sure what the tests need exists (the Temporal CLI, built once into the cache
// when TEMPORAL_ADDRESS is unset), then run the whole vitest suite. Extra arguments go to vitest.
async function ensureTemporalCli(): Promise<void> {
  if (process.env.TEMPORAL_ADDRESS) return;
  if (findTemporalCli()) return;
  if (!goAvailable()) throw new StartupError(missingTemporalMessage());
  await buildTemporalCliWithGo();
}

async function main(): Promise<number> {
  await ensureTemporalCli();
  const vitest = path.join(repoRoot, "node_modules/vitest/vitest.mjs");
  const child = spawn(process.execPath, [vitest, "run", ...process.argv.slice(2)], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof StartupError ? error.message : describeError(error)}\n`,
    );
    process.exit(1);
  },
);
