import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import { ApiError } from "./api-error";

export interface Session {
  token: string;
  userId: string;
  expiresAt: number;
}

export interface ApiRequest {
  method: string;
  path: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** "50.0" for /services/data/v50.0/..., else "". */
  apiVersion: string;
  /** Set for routes that require authentication. */
  session: Session | null;
  /** Scheme + host the client used, e.g. http://127.0.0.1:4567 */
  baseUrl: string;
}

export interface ApiResponse {
  status: number;
  /** JSON-serialised unless `text` is given. */
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export const json = (
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): ApiResponse => ({
  status,
  json: body,
  headers,
});

export const noContent = (): ApiResponse => ({ status: 204 });

export const text = (
  status: number,
  body: string,
  contentType: string,
  headers?: Record<string, string>,
): ApiResponse => ({
  status,
  text: body,
  contentType,
  headers,
});

export function header(req: ApiRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses and validates a JSON body; both failures are JSON_PARSER_ERROR, as in Salesforce. */
export function readJson<T>(req: ApiRequest, schema: z.ZodType<T>): T {
  let raw: unknown;
  const source = req.body.toString("utf8");
  try {
    raw = JSON.parse(source);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ApiError(400, "JSON_PARSER_ERROR", `Unexpected character in request body: ${reason}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new ApiError(
      400,
      "JSON_PARSER_ERROR",
      `Cannot deserialize request body${where}: ${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}
