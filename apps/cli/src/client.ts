import type { AppRouter } from "@duplex/api";
import { createTRPCClient, httpLink } from "@trpc/client";

export type DuplexClient = ReturnType<typeof createTRPCClient<AppRouter>>;

/**
 * A typed client for a running Duplex. The API token travels as `Authorization: Bearer`, which
 * also exempts these requests from the browser CSRF check (no cookies are sent).
 */
export function createDuplexClient(url: string, token: string): DuplexClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url.replace(/\/+$/, "")}/api/trpc`,
        headers: () => ({ authorization: `Bearer ${token}` }),
      }),
    ],
  });
}
