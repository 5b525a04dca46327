import path from "node:path";
import { createDatabase, ensureFirstAdmin, parseKeyRing } from "@duplex/db";
import {
  assertPortFree,
  describeError,
  loadEnv,
  repoRoot,
  type Stack,
  StartupError,
  startStack,
} from "@duplex/devstack";
import { startSalesforceEmulator } from "@duplex/salesforce-emulator";
import { type ManagedProcess, startProcess, waitForHttp } from "./processes";

// `npm start`: bring up Postgres and Temporal (or connect to them), migrate, then run the worker
// and the web app until Ctrl-C, which stops everything this script started.
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const env = loadEnv();
  await assertPortFree(
    env.PORT,
    "the Duplex web app",
    env.HOST === "0.0.0.0" ? "0.0.0.0" : "127.0.0.1",
  );
  const stack: Stack = await startStack(env, say);
  const children: ManagedProcess[] = [];
  let stopEmulator: () => Promise<void> = async () => {};
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("Stopping Duplex...");
    await Promise.all(children.map((c) => c.stop()));
    await stopEmulator().catch(() => {});
    await stack.stop();
    say("Stopped.");
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  try {
    const database = createDatabase(stack.databaseUrl, { max: 1 });
    const admin = await ensureFirstAdmin(database.db, parseKeyRing(stack.secretKey));
    await database.close();

    // The Salesforce emulator: demo data and a safe sandbox, kept in its own schema of Duplex's
    // database so it survives restarts.
    let emulatorLine: string | null = null;
    if (env.DUPLEX_SF_EMULATOR === "on") {
      await assertPortFree(env.DUPLEX_SF_EMULATOR_PORT, "the Salesforce emulator");
      const emulator = await startSalesforceEmulator({
        port: env.DUPLEX_SF_EMULATOR_PORT,
        store: { databaseUrl: stack.databaseUrl },
        seed: true,
      });
      stopEmulator = () => emulator.close();
      emulatorLine = `Salesforce emulator: ${emulator.url} (username ${emulator.username}, password ${emulator.password})`;
    }

    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
      DUPLEX_TASK_QUEUE: env.DUPLEX_TASK_QUEUE,
      DUPLEX_SECRET_KEY: stack.secretKey,
      LOG_LEVEL: env.LOG_LEVEL,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const tsx = ["--import", "tsx"];
    children.push(
      startProcess(
        "worker",
        process.execPath,
        [...tsx, path.join(repoRoot, "apps/worker/src/main.ts")],
        {
          cwd: repoRoot,
          env: childEnv,
        },
      ),
    );
    const nextBin = path.join(repoRoot, "node_modules/next/dist/bin/next");
    children.push(
      startProcess(
        "web",
        process.execPath,
        [nextBin, "dev", "--port", String(env.PORT), "--hostname", env.HOST],
        {
          cwd: path.join(repoRoot, "apps/web"),
          env: childEnv,
        },
      ),
    );
    for (const child of children) {
      child.child.once("exit", (code) => {
        if (!stopping) {
          say(`The ${child.name} process exited unexpectedly (code ${code}).`);
          void stopAll(1);
        }
      });
    }
    const url =
      env.DUPLEX_PUBLIC_URL ??
      `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`;
    say("Waiting for the web app to compile and answer...");
    const ready = await waitForHttp(
      `${url}/api/health`,
      180_000,
      (status) => status === 200 || status === 503,
    );
    if (!ready) throw new StartupError(`The web app did not answer at ${url} within 3 minutes.`);
    say("");
    say(`Duplex is running at ${url}`);
    if (stack.temporalUiUrl) say(`Temporal web UI: ${stack.temporalUiUrl}`);
    if (emulatorLine) say(emulatorLine);
    say(
      `Database: ${stack.databaseOrigin === "embedded" ? "embedded Postgres (PGlite) in .data/pg" : "DATABASE_URL"}`,
    );
    if (admin) {
      say("");
      say("First admin (one-time credentials; you must change the password at first sign-in):");
      say(`  username: ${admin.username}`);
      say(`  password: ${admin.password}`);
    }
    say("");
    say("Press Ctrl-C to stop.");
  } catch (error) {
    say(describeError(error));
    await stopAll(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof StartupError ? error.message : describeError(error)}\n`);
  process.exit(1);
});
