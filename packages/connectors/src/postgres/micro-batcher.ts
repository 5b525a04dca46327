import { setTimeout as sleep } from "node:timers/promises";

/**
 * Collects pushed items and hands them on in batches of at most `maxBatchSize`, no item waiting
 * longer than `maxDelayMs`. Deliveries run one at a time, in order. When a full batch is waiting,
 * `add` resolves only after it was delivered, which gives the producer backpressure. A failed
 * delivery is reported through `onError` and retried with the same items (at-least-once).
 */
export class MicroBatcher<T> {
  private buffer: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  private closed = false;

  constructor(
    private readonly options: {
      maxBatchSize: number;
      maxDelayMs: number;
      retryDelayMs?: number;
      deliver(items: T[]): Promise<void>;
      onError?(error: unknown): void;
    },
  ) {}

  /** True while nothing is buffered or being delivered. */
  get idle(): boolean {
    return this.buffer.length === 0 && !this.busy;
  }

  async add(items: T[]): Promise<void> {
    if (this.closed) return;
    this.buffer.push(...items);
    if (this.buffer.length >= this.options.maxBatchSize) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.running = this.running.then(() => this.flush());
      await this.running;
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.running = this.running.then(() => this.flush());
      }, this.options.maxDelayMs);
    }
  }

  private async flush(): Promise<void> {
    while (this.buffer.length > 0 && !this.closed) {
      const batch = this.buffer.slice(0, this.options.maxBatchSize);
      this.busy = true;
      try {
        await this.options.deliver(batch);
        this.buffer.splice(0, batch.length);
      } catch (error) {
        this.options.onError?.(error);
        await sleep(this.options.retryDelayMs ?? 1_000);
      } finally {
        this.busy = false;
      }
    }
  }

  /** Stops timers and waits for a delivery in progress; buffered items are dropped (not acked). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
