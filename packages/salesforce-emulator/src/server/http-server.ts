import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { bearerToken } from "../auth/sessions";
import { ApiError } from "./api-error";
import type { EmulatorContext } from "./context";
import type { ApiRequest, ApiResponse } from "./http-types";
import type { Router } from "./router";

// node:http glue: body reading, routing, session and limit enforcement, error rendering.
// Every failure ends as a Salesforce-shaped error response; nothing a client sends can throw
// past this layer.

const MAX_BODY_BYTES = 150 * 1024 * 1024;
const MIN_API_VERSION = 20;
const MAX_API_VERSION = 62;

export function createHttpServer(ctx: EmulatorContext, router: Router): Server {
  return createServer((req, res) => {
    handle(ctx, router, req, res).catch((err: unknown) => {
      // Last resort: the response may be half-written; make sure the socket is released.
      console.error("salesforce-emulator: unhandled error", err);
      if (!res.headersSent) writeResponse(res, errorResponse(err));
      else res.destroy();
    });
  });
}

async function handle(
  ctx: EmulatorContext,
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const host = req.headers.host ?? "localhost";
  const url = new URL(req.url ?? "/", `http://${host}`);
  const method = (req.method ?? "GET").toUpperCase();
  const isDataApi = url.pathname.startsWith("/services/data");
  let response: ApiResponse;
  let metered = false;
  try {
    const body = await readBody(req);
    const match = router.match(method, url.pathname);
    if (match === undefined)
      throw new ApiError(404, "NOT_FOUND", "The requested resource does not exist");
    if (match === "methodMismatch") {
      throw new ApiError(
        405,
        "METHOD_NOT_ALLOWED",
        `HTTP Method '${method}' not allowed for ${url.pathname}`,
      );
    }
    const apiVersion = parseApiVersion(match.params.version);
    const session = match.route.auth
      ? ctx.sessions.verify(
          bearerToken(header(req, "authorization")) ??
            url.searchParams.get("oauth_token") ??
            undefined,
        )
      : null;
    if (match.route.metered) {
      ctx.limits.consume();
      metered = true;
    }
    const apiRequest: ApiRequest = {
      method,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      body,
      apiVersion,
      session,
      baseUrl: `http://${host}`,
    };
    response = await match.route.handler(apiRequest);
  } catch (err) {
    response = errorResponse(err);
  }
  if (isDataApi || metered) {
    response = {
      ...response,
      headers: { ...response.headers, "Sforce-Limit-Info": ctx.limits.headerValue() },
    };
  }
  writeResponse(res, response);
}

function parseApiVersion(raw: string | undefined): string {
  if (raw === undefined) return "";
  const m = /^v(\d+)\.0$/.exec(raw);
  const major = m ? Number(m[1]) : Number.NaN;
  if (!(major >= MIN_API_VERSION && major <= MAX_API_VERSION)) {
    throw new ApiError(404, "NOT_FOUND", "The requested resource does not exist");
  }
  return `${major}.0`;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, "REQUEST_ENTITY_TOO_LARGE", "Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function errorResponse(err: unknown): ApiResponse {
  if (err instanceof ApiError) return { status: err.status, json: err.toBody() };
  const message = err instanceof Error ? err.message : String(err);
  console.error("salesforce-emulator: internal error", err);
  return {
    status: 500,
    json: [{ message: `An unexpected error occurred: ${message}`, errorCode: "UNKNOWN_EXCEPTION" }],
  };
}

function writeResponse(res: ServerResponse, response: ApiResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | undefined;
  if (response.text !== undefined) {
    payload = response.text;
    headers["Content-Type"] = response.contentType ?? "text/plain; charset=UTF-8";
  } else if (response.json !== undefined) {
    payload = JSON.stringify(response.json);
    headers["Content-Type"] = "application/json;charset=UTF-8";
  }
  if (payload !== undefined) headers["Content-Length"] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}
