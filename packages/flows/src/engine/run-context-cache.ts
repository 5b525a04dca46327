import type { RunContext } from "./run-context";

/**
 * Run contexts this worker loaded recently, by run id. Every step of a run is its own activity,
 * and loading the context (run, pinned version, flow, sync, both connections, two describes, two
 * zod parses) costs about as much as a small micro-batch's step itself. What a step reads from it
 * is fixed for the run's life (the version is pinned; run fields used are id, version, replayOf),
 * so sharing it between the steps of one run is safe.
 *
 * Connectors are the exception: the provider rebuilds one when its connection is edited, closing
 * the old one. Entries therefore expire after `ttlMs`, and a failed step evicts its run's entry
 * so that its retry loads everything afresh.
 */
export class RunContextCache<T = RunContext> {
  private readonly entries = new Map<string, { at: number; ctx: Promise<T> }>();

  constructor(
    private readonly maxRuns: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached context of `runId`, or `load()`'s (typically loadRunContext). */
  get(runId: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(runId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.ctx;
    const ctx = load();
    // A failed load is not kept: the activity's retry must try again.
    ctx.catch(() => this.evict(runId));
    this.entries.delete(runId);
    this.entries.set(runId, { at: this.now(), ctx });
    // Oldest first: Map iteration follows insertion order.
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.maxRuns) break;
      this.entries.delete(id);
    }
    return ctx;
  }

  evict(runId: string): void {
    this.entries.delete(runId);
  }

  get size(): number {
    return this.entries.size;
  }
}
