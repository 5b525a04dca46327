// The one place the editor reaches the tRPC client, so the editor does not care where it lives.
export { useTRPC } from "@/trpc/react";
