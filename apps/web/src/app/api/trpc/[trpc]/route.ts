import { getTrpcRuntime } from "@/server/trpc-context";

export const dynamic = "force-dynamic";

// Body limit, CSRF, cookies and context all live in @duplex/api's handler, tested there.
function handle(request: Request): Promise<Response> {
  return getTrpcRuntime().handler(request);
}

export { handle as GET, handle as POST };
