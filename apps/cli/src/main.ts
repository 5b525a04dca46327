import { parseArgs } from "node:util";
import { TRPCClientError } from "@trpc/client";
import { createDuplexClient } from "./client";
import { connectionCreate } from "./commands/connection";
import { runsList, runsReplay, runsShow } from "./commands/runs";
import { syncApply, syncLifecycle, syncRun } from "./commands/sync";
import { UsageError } from "./errors";
import { createOutput } from "./output";

const USAGE = `Usage: duplex <command> [options]

  connection create --type <type> --name <name> --config <file.json>
  sync apply <definition.json>
  sync activate|pause|resume <sync name or id>
  sync run <sync name or id> [--direction a-to-b|b-to-a] [--wait]
  runs list <sync name or id>
  runs show <runId>
  runs replay <runId> [--failed-only] [--from-step <nodeId>] [--latest-version]

Options:
  --url <url>      Duplex's address (or DUPLEX_URL), e.g. http://127.0.0.1:3000
  --token <token>  An API token (or DUPLEX_TOKEN), sent as Authorization: Bearer
  --json           Print JSON instead of tables
`;

const options = {
  url: { type: "string" },
  token: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  type: { type: "string" },
  name: { type: "string" },
  config: { type: "string" },
  direction: { type: "string" },
  wait: { type: "boolean" },
  "failed-only": { type: "boolean" },
  "from-step": { type: "string" },
  "latest-version": { type: "boolean" },
} as const;

let targetUrl: string | undefined;

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  const [group, action, target] = positionals;
  if (values.help || !group) {
    process.stdout.write(USAGE);
    return;
  }
  const url = values.url ?? env.DUPLEX_URL;
  targetUrl = url;
  const token = values.token ?? env.DUPLEX_TOKEN;
  if (!url) throw new UsageError("Say where Duplex runs: --url or DUPLEX_URL.");
  if (!token) throw new UsageError("Pass an API token: --token or DUPLEX_TOKEN.");
  const client = createDuplexClient(url, token);
  const out = createOutput(values.json ?? false, (text) => process.stdout.write(text));
  const command = `${group} ${action ?? ""}`.trim();
  switch (command) {
    case "connection create":
      return connectionCreate(client, out, values);
    case "sync apply":
      return syncApply(client, out, target);
    case "sync activate":
    case "sync pause":
    case "sync resume":
      return syncLifecycle(
        client,
        out,
        action === "activate" ? "activate" : action === "pause" ? "pause" : "resume",
        target,
      );
    case "sync run":
      return syncRun(client, out, target, values);
    case "runs list":
      return runsList(client, out, target);
    case "runs show":
      return runsShow(client, out, target);
    case "runs replay":
      return runsReplay(client, out, target, {
        failedOnly: values["failed-only"],
        fromStep: values["from-step"],
        latestVersion: values["latest-version"],
      });
    default:
      throw new UsageError(`Unknown command "${command}". Run duplex --help for the list.`);
  }
}

/** One clear line (plus a document's problems), never a stack trace. */
function describe(error: unknown, url: string | undefined): { message: string; details: string[] } {
  if (error instanceof UsageError) return { message: error.message, details: error.details };
  if (error instanceof TRPCClientError) {
    const cause: unknown = error.cause;
    if (
      error.message === "fetch failed" ||
      (cause instanceof Error && cause.message === "fetch failed")
    )
      return { message: `Cannot reach Duplex at ${url ?? "(no url)"}.`, details: [] };
    return { message: error.message, details: [] };
  }
  if (
    error instanceof Error &&
    "code" in error &&
    typeof error.code === "string" &&
    error.code.startsWith("ERR_PARSE_ARGS")
  )
    return { message: `${error.message}. Run duplex --help for usage.`, details: [] };
  return { message: error instanceof Error ? error.message : String(error), details: [] };
}

main(process.argv.slice(2), process.env).catch((error: unknown) => {
  const { message, details } = describe(error, targetUrl);
  process.stderr.write(`error: ${message}\n${details.map((d) => `${d}\n`).join("")}`);
  process.exit(1);
});
