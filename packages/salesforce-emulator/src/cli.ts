import { parseArgs } from "node:util";
import { defaultCredentials, startSalesforceEmulator } from "./emulator";

// npm run sf-emulator -- --port 4567 [--username u] [--password p] [--database-url url]
//   [--daily-limit n] [--no-seed] [--host h] [--token-ttl seconds]

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4567" },
    host: { type: "string", default: "127.0.0.1" },
    username: { type: "string", default: defaultCredentials.username },
    password: { type: "string", default: defaultCredentials.password },
    "client-id": { type: "string", default: defaultCredentials.clientId },
    "client-secret": { type: "string", default: defaultCredentials.clientSecret },
    "database-url": { type: "string" },
    "daily-limit": { type: "string", default: "100000" },
    "token-ttl": { type: "string", default: "7200" },
    "no-seed": { type: "boolean", default: false },
  },
  strict: true,
});

function intOption(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${String(raw)}`);
    process.exit(2);
  }
  return n;
}

const databaseUrl = values["database-url"];
const emulator = await startSalesforceEmulator({
  port: intOption("port", values.port),
  host: values.host,
  username: values.username,
  password: values.password,
  clientId: values["client-id"],
  clientSecret: values["client-secret"],
  dailyLimit: intOption("daily-limit", values["daily-limit"]),
  tokenTtlSeconds: intOption("token-ttl", values["token-ttl"]),
  store: databaseUrl ? { databaseUrl } : "memory",
  seed: !values["no-seed"],
});

console.log(
  `Salesforce emulator listening on ${emulator.url} (${databaseUrl ? "Postgres" : "in-memory"} store)`,
);
console.log(`  loginUrl:      ${emulator.loginUrl}`);
console.log(`  username:      ${emulator.username}`);
console.log(`  password:      ${emulator.password}`);
console.log(`  client id:     ${emulator.clientId}`);
console.log(`  client secret: ${emulator.clientSecret}`);
console.log(
  `  jsforce:       new Connection({ loginUrl: "${emulator.loginUrl}" }).login(username, password)`,
);

const shutdown = () => {
  emulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
