"use client";

import type { AppRouter } from "@duplex/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import { CSRF_HEADER, csrfToken } from "./csrf";

/**
 * The app's tRPC client for React: `useTRPC()` gives typed query/mutation options for TanStack
 * Query (`useQuery(trpc.connections.list.queryOptions())`). Every request carries the CSRF header.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Retrying a refusal (401/403/400) never helps; retry only what might be transient.
        retry: (count, error) =>
          count < 2 && !/UNAUTHORIZED|FORBIDDEN|BAD_REQUEST|NOT_FOUND/.test(codeOf(error)),
      },
    },
  });
}

function codeOf(error: unknown): string {
  if (error !== null && typeof error === "object" && "data" in error) {
    const data: unknown = error.data;
    if (
      data !== null &&
      typeof data === "object" &&
      "code" in data &&
      typeof data.code === "string"
    )
      return data.code;
  }
  return "";
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "/api/trpc",
          headers: () => ({ [CSRF_HEADER]: csrfToken() }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
