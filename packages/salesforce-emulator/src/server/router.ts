import type { ApiRequest, ApiResponse } from "./http-types";

// A tiny path router: patterns are "/"-separated literals and ":name" captures. Each route says
// whether it needs a session and whether it counts against the daily API limit.

export type Handler = (req: ApiRequest) => Promise<ApiResponse> | ApiResponse;

export interface RouteOptions {
  /** Requires a valid access token (default true). */
  auth?: boolean;
  /** Counts as an API request for limits (default: same as auth). */
  metered?: boolean;
}

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  auth: boolean;
  metered: boolean;
}

export interface RouteMatch {
  route: { handler: Handler; auth: boolean; metered: boolean };
  params: Record<string, string>;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): this {
    const auth = options.auth ?? true;
    this.routes.push({
      method,
      segments: split(pattern),
      handler,
      auth,
      metered: options.metered ?? auth,
    });
    return this;
  }

  /** The matching route; `methodMismatch` when the path exists under another method. */
  match(method: string, path: string): RouteMatch | "methodMismatch" | undefined {
    const parts = split(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method) {
        pathMatched = true;
        continue;
      }
      return { route, params };
    }
    return pathMatched ? "methodMismatch" : undefined;
  }
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, seg] of pattern.entries()) {
    const part = parts[i] ?? "";
    if (seg.startsWith(":")) {
      try {
        params[seg.slice(1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (seg !== part) return undefined;
  }
  return params;
}
