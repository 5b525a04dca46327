import type { WorkItem } from "./work-item";

/**
 * Step outputs this worker saved recently, kept so the next step of the same run (which usually
 * lands on the same worker) does not read back and re-validate the batch it has just written:
 * for a 10,000-record batch that round trip costs as much as the step itself. The batch is still
 * saved first (the claim check stays the source of truth; another worker reads it from there).
 *
 * Items are treated as immutable by every step (they copy, never mutate), which is what makes
 * sharing them safe. Memory is bounded by a record count, so it follows the batch size and the
 * activity concurrency, never the total number of records a sync moves.
 */
export class BatchCache {
  private readonly entries = new Map<string, WorkItem[]>();
  private held = 0;

  constructor(private readonly maxItems: number) {}

  get(batchId: string): WorkItem[] | undefined {
    const items = this.entries.get(batchId);
    if (!items) return undefined;
    // Least recently used goes first: re-insert on a hit.
    this.entries.delete(batchId);
    this.entries.set(batchId, items);
    return items;
  }

  set(batchId: string, items: WorkItem[]): void {
    if (items.length > this.maxItems) return;
    this.entries.set(batchId, items);
    this.held += items.length;
    for (const [id, old] of this.entries) {
      if (this.held <= this.maxItems) break;
      this.entries.delete(id);
      this.held -= old.length;
    }
  }
}

/** One per worker process: two full 10,000-record batches in flight plus some headroom. */
export const batchCache = new BatchCache(30_000);
