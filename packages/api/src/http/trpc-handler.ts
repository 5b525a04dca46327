import type { Database, KeyRing } from "@duplex/db";
import { randomToken } from "@duplex/db";
import type { AnyRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type Context, type ContextOptions, createContext } from "../context";
import { appRouter } from "../routers/index";
import { DEFAULT_TRPC_BODY_LIMIT, readBodyWithLimit } from "./body-limit";
import {
  CSRF_COOKIE,
  clearedSessionCookie,
  csrfCookie,
  parseCookies,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
} from "./cookies";
import { csrfProblem } from "./csrf";

/** The subset of a pino logger the handler needs. */
export interface ErrorLog {
  error(details: Record<string, unknown>, message: string): void;
}

export interface TrpcHandlerOptions {
  db: Database;
  keyRing: KeyRing;
  /** Where the router is mounted, e.g. "/api/trpc". */
  endpoint: string;
  logger?: ErrorLog;
  /** DUPLEX_PUBLIC_URL: its scheme decides Secure cookies; its origin is accepted for CSRF. */
  publicUrl?: string | undefined;
  /** Trust X-Forwarded-Proto / X-Forwarded-For (set when a reverse proxy terminates TLS). */
  trustProxy?: boolean;
  maxBodyBytes?: number;
  now?: () => Date;
  policy?: ContextOptions["policy"];
  /** The Temporal client and task queue procedures start workflows with (see Context). */
  temporal?: ContextOptions["temporal"];
  taskQueue?: string;
  /** Defaults to appRouter; tests may mount a router extended with test procedures. */
  router?: AnyRouter;
  /** Further context dependencies (e.g. the Temporal client) passed to every request's context. */
  contextDefaults?: Partial<ContextOptions>;
}

// tRPC's JSON-RPC numbers for the codes this layer answers itself.
const RPC_CODES = { FORBIDDEN: -32003, PAYLOAD_TOO_LARGE: -32013 } as const;

function errorResponse(
  request: Request,
  status: 403 | 413,
  code: keyof typeof RPC_CODES,
  message: string,
  reason: string | null,
): Response {
  const url = new URL(request.url);
  const error = {
    message,
    code: RPC_CODES[code],
    data: { code, httpStatus: status, issues: null, reason },
  };
  // A batched call expects one result per procedure; answer each with the same error.
  const batched = url.searchParams.get("batch") === "1";
  const calls = url.pathname.split("/").pop()?.split(",").length ?? 1;
  const body = batched ? Array.from({ length: calls }, () => ({ error })) : { error };
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

function bearerOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** The last X-Forwarded-For hop is the one our own proxy (or Next's server) added. */
function clientIp(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  return last ? last.slice(0, 100) : (request.headers.get("x-real-ip")?.slice(0, 100) ?? null);
}

export function isSecureRequest(
  request: Request,
  options: Pick<TrpcHandlerOptions, "publicUrl" | "trustProxy">,
): boolean {
  if (options.publicUrl?.startsWith("https:")) return true;
  if (new URL(request.url).protocol === "https:") return true;
  return options.trustProxy === true && request.headers.get("x-forwarded-proto") === "https";
}

/**
 * The tRPC HTTP endpoint: body limit, CSRF check, context from cookie or bearer token, cookies
 * written back, and server faults logged (never sent). Next's route handler only calls this.
 */
export function createTrpcFetchHandler(
  options: TrpcHandlerOptions,
): (request: Request) => Promise<Response> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_TRPC_BODY_LIMIT;
  return async (incoming) => {
    const secure = isSecureRequest(incoming, options);
    let request = incoming;
    if (!["GET", "HEAD"].includes(incoming.method)) {
      const body = await readBodyWithLimit(incoming, maxBodyBytes);
      if (!body.ok) return errorResponse(incoming, 413, "PAYLOAD_TOO_LARGE", body.message, null);
      request = new Request(incoming.url, {
        method: incoming.method,
        headers: incoming.headers,
        body: body.body,
      });
    }
    const cookies = parseCookies(request.headers.get("cookie"));
    const bearerToken = bearerOf(request);
    const requestUrl = new URL(request.url);
    // Next's dev server rewrites the URL's host to "localhost", so the page opened at the printed
    // http://127.0.0.1:3000 would look cross-origin; the Host header the browser sent is the truth.
    const host = request.headers.get("host");
    const allowedOrigins = [
      requestUrl.origin,
      ...(host ? [`${requestUrl.protocol}//${host}`] : []),
      ...(options.publicUrl ? [new URL(options.publicUrl).origin] : []),
    ];
    if (!bearerToken) {
      const problem = csrfProblem(request, cookies, { secure, allowedOrigins });
      if (problem) return errorResponse(request, 403, "FORBIDDEN", problem, "CSRF");
    }
    return fetchRequestHandler({
      endpoint: options.endpoint,
      req: request,
      router: options.router ?? appRouter,
      createContext: ({ resHeaders }): Promise<Context> => {
        resHeaders.set("cache-control", "no-store");
        if (!readCookie(cookies, CSRF_COOKIE, secure))
          resHeaders.append("set-cookie", csrfCookie(randomToken(), secure));
        return createContext({
          ...options.contextDefaults,
          db: options.db,
          keyRing: options.keyRing,
          sessionToken: readCookie(cookies, SESSION_COOKIE, secure),
          bearerToken,
          ip: clientIp(request),
          userAgent: request.headers.get("user-agent"),
          ...(options.now ? { now: options.now } : {}),
          ...(options.policy ? { policy: options.policy } : {}),
          ...(options.temporal ? { temporal: options.temporal } : {}),
          ...(options.taskQueue ? { taskQueue: options.taskQueue } : {}),
          cookies: {
            setSession: (token, expiresAt) =>
              resHeaders.append("set-cookie", sessionCookie(token, expiresAt, secure)),
            clearSession: () => resHeaders.append("set-cookie", clearedSessionCookie(secure)),
          },
        });
      },
      onError: ({ error, path, type }) => {
        if (error.code !== "INTERNAL_SERVER_ERROR") return;
        // The message and stack go to the log; pino's redaction covers credential-shaped fields.
        options.logger?.error({ path, type, err: error.cause ?? error }, "tRPC procedure failed");
      },
    });
  };
}
