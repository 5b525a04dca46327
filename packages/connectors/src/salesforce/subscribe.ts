import { z } from "zod";
import { MicroBatcher } from "../postgres/micro-batcher";
import type {
  ChangePage,
  ChangeRecord,
  ReadChangesOptions,
  SubscribeOptions,
  Subscription,
} from "../types";
import { ConnectorError } from "../types";
import { cursors } from "./cursor";

/*
 * subscribe() for Salesforce polls SystemModstamp; it does not use the Streaming API / CDC
 * (CometD), which the local emulator does not serve and which needs per-org setup. Each poll
 * re-reads an overlap window (SystemModstamp can trail the commit a little) and drops changes it
 * already delivered, by (Id, SystemModstamp), so the window costs reads, not duplicates.
 */

/** How far each poll looks back behind the watermark. */
export const SUBSCRIBE_OVERLAP_MS = 60_000;
const PAGE_SIZE = 2_000;

/** Delivered cursors hold every object's watermark, so one cursor resumes the whole subscription. */
const subscriptionCursor = z.object({
  v: z.literal(1),
  mode: z.literal("subscription"),
  objects: z.record(z.string(), z.string()),
});

function startPositions(objects: readonly string[], since: string | null | undefined) {
  const start = cursors.modstamp.encode({
    at: new Date().toISOString(),
    key: "000000000000000",
    exact: false,
  });
  const positions = new Map(objects.map((o) => [o, start]));
  if (since === undefined || since === null) return positions;
  let json: unknown;
  try {
    json = JSON.parse(since);
  } catch {
    json = undefined;
  }
  const composite = subscriptionCursor.safeParse(json);
  if (composite.success) {
    for (const [object, cursor] of Object.entries(composite.data.objects))
      if (positions.has(object)) positions.set(object, cursor);
    return positions;
  }
  cursors.modstamp.decode(since); // throws invalid_cursor for anything else
  return new Map(objects.map((o) => [o, since]));
}

export async function subscribeByPolling(
  readChanges: (object: string, options: ReadChangesOptions) => Promise<ChangePage>,
  options: SubscribeOptions,
  pollIntervalMs: number,
): Promise<Subscription> {
  if (options.objects.length === 0)
    throw new ConnectorError("subscribe needs at least one object", "invalid_subscription", false);
  const positions = startPositions(options.objects, options.since);
  const seen = new Map<string, number>();
  const batcher = new MicroBatcher<ChangeRecord>({
    maxBatchSize: options.maxBatchSize,
    maxDelayMs: options.maxDelayMs,
    deliver: (changes) => options.onChanges(changes),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  let closed = false;

  const composite = (object: string, cursor: string) =>
    JSON.stringify({
      v: 1,
      mode: "subscription",
      objects: { ...Object.fromEntries(positions), [object]: cursor },
    });

  const pollObject = async (object: string) => {
    let since = positions.get(object) ?? null;
    let page: ChangePage;
    do {
      page = await readChanges(object, {
        since,
        overlapMs: SUBSCRIBE_OVERLAP_MS,
        limit: PAGE_SIZE,
      });
      const fresh = page.changes.filter((c) => {
        const id = `${c.object}/${c.key}@${c.sourceUpdatedAt ?? ""}`;
        if (seen.has(id)) return false;
        seen.set(id, Date.parse(c.sourceUpdatedAt ?? "") || Date.now());
        return true;
      });
      if (fresh.length > 0 && !closed)
        await batcher.add(fresh.map((c) => ({ ...c, cursor: composite(object, c.cursor) })));
      since = page.nextCursor;
      if (since !== null) positions.set(object, since);
    } while (page.hasMore && !closed);
    // Forget deliveries that fell out of the overlap window: they cannot be read again.
    const horizon =
      since === null ? 0 : Date.parse(cursors.modstamp.decode(since).at) - SUBSCRIBE_OVERLAP_MS;
    for (const [id, at] of seen) if (at < horizon) seen.delete(id);
  };

  const pollAll = async () => {
    for (const object of options.objects) if (!closed) await pollObject(object);
  };

  // The first poll runs before subscribe returns, so a bad object or bad credentials reject here.
  await pollAll();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      running = pollAll()
        .catch((error: unknown) => options.onError?.(error))
        .finally(schedule);
    }, pollIntervalMs);
  };
  schedule();
  return {
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
      await batcher.close();
    },
  };
}
