import { handleWebhook } from "@duplex/api";
import { parseKeyRing } from "@duplex/db";
import { getRuntime } from "@/server/runtime";

export const dynamic = "force-dynamic";

// Webhook triggers authenticate by HMAC signature (when configured), not by session, so no CSRF
// check applies; validation, run creation and the workflow start live in @duplex/api.
export async function POST(request: Request, context: { params: Promise<{ flowId: string }> }) {
  const { env, database, temporalClient } = getRuntime();
  const { flowId } = await context.params;
  return handleWebhook(
    {
      db: database.db,
      keyRing: parseKeyRing(env.DUPLEX_SECRET_KEY),
      temporal: temporalClient,
      taskQueue: env.DUPLEX_TASK_QUEUE,
    },
    flowId,
    request,
  );
}
