import {
  type Context,
  createCaller,
  createContext,
  createTrpcFetchHandler,
  SESSION_COOKIE,
} from "@duplex/api";
import { type KeyRing, parseKeyRing, type SessionPolicy } from "@duplex/db";
import { createLogger } from "@duplex/devstack";
import { cookies, headers } from "next/headers";
import { getRuntime } from "./runtime";

interface TrpcRuntime {
  keyRing: KeyRing;
  sessionPolicy: SessionPolicy;
  handler: (request: Request) => Promise<Response>;
}

const globalTrpc = globalThis as typeof globalThis & { __duplexTrpc?: TrpcRuntime };

/** One handler per process (Next's dev server reloads modules; the key ring is parsed once). */
export function getTrpcRuntime(): TrpcRuntime {
  if (globalTrpc.__duplexTrpc) return globalTrpc.__duplexTrpc;
  const { env, database, temporalClient } = getRuntime();
  const keyRing = parseKeyRing(env.DUPLEX_SECRET_KEY);
  const sessionPolicy = {
    idleMs: env.DUPLEX_SESSION_IDLE_HOURS * 3_600_000,
    absoluteMs: env.DUPLEX_SESSION_MAX_HOURS * 3_600_000,
  };
  const handler = createTrpcFetchHandler({
    db: database.db,
    keyRing,
    endpoint: "/api/trpc",
    logger: createLogger("web"),
    publicUrl: env.DUPLEX_PUBLIC_URL,
    trustProxy: env.DUPLEX_TRUST_PROXY === "on",
    policy: { session: sessionPolicy },
    temporal: temporalClient,
    taskQueue: env.DUPLEX_TASK_QUEUE,
  });
  globalTrpc.__duplexTrpc = { keyRing, sessionPolicy, handler };
  return globalTrpc.__duplexTrpc;
}

/**
 * The tRPC context for server components, from the request's session cookie. Server components
 * only read, so no CSRF check applies; cookies cannot be written from here.
 */
export async function serverContext(): Promise<Context> {
  const { database, env, temporalClient } = getRuntime();
  const { keyRing, sessionPolicy } = getTrpcRuntime();
  const jar = await cookies();
  const requestHeaders = await headers();
  const sessionToken =
    jar.get(`__Host-${SESSION_COOKIE}`)?.value ?? jar.get(SESSION_COOKIE)?.value ?? null;
  return createContext({
    db: database.db,
    keyRing,
    sessionToken,
    ip: requestHeaders.get("x-forwarded-for")?.split(",").pop()?.trim() ?? null,
    userAgent: requestHeaders.get("user-agent"),
    policy: { session: sessionPolicy },
    temporal: temporalClient,
    taskQueue: env.DUPLEX_TASK_QUEUE,
  });
}

/** A caller for server components: `await (await serverCaller()).users.list()`. */
export async function serverCaller(): Promise<ReturnType<typeof createCaller>> {
  return createCaller(await serverContext());
}
