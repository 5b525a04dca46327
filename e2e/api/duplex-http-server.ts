import { createServer, type IncomingMessage, type Server } from "node:http";
import { createTrpcFetchHandler } from "@duplex/api";
import type { Database, KeyRing } from "@duplex/db";
import type { Client } from "@temporalio/client";

/**
 * The real tRPC fetch handler (body limit, CSRF, bearer tokens, context) served on a local port,
 * so CLI tests talk HTTP to exactly what Next's route handler runs, without building Next.
 */
export async function serveDuplexApi(deps: {
  db: Database;
  keyRing: KeyRing;
  client: Client;
  taskQueue: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const handler = createTrpcFetchHandler({
    db: deps.db,
    keyRing: deps.keyRing,
    endpoint: "/api/trpc",
    temporal: async () => deps.client,
    taskQueue: deps.taskQueue,
  });
  const server: Server = createServer((req, res) => {
    void toRequest(req)
      .then(handler)
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  return new Request(`http://127.0.0.1${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    ...(body && req.method !== "GET" && req.method !== "HEAD" ? { body } : {}),
  });
}
