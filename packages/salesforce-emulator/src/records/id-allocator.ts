import { mintId } from "../ids/salesforce-id";
import type { RecordStore } from "../store/record-store";

// Reserves sequence numbers from the store in blocks so that a bulk insert costs one store
// round trip per block, not per record. Numbers left in a block at shutdown are simply skipped.

const BLOCK = 500;
/** Start the sequence high enough that IDs look like real ones (non-zero leading chars). */
const SEQUENCE_OFFSET = 62 ** 5;

export class IdAllocator {
  private next = 0;
  private end = 0;
  private pending: Promise<void> | null = null;

  constructor(private readonly store: RecordStore) {}

  async mint(keyPrefix: string): Promise<string> {
    while (this.next >= this.end) {
      this.pending ??= this.refill();
      await this.pending;
    }
    const sequence = this.next;
    this.next += 1;
    return mintId(keyPrefix, SEQUENCE_OFFSET + sequence);
  }

  private async refill(): Promise<void> {
    try {
      const first = await this.store.allocateSequence(BLOCK);
      this.next = first;
      this.end = first + BLOCK;
    } finally {
      this.pending = null;
    }
  }
}
