import { randomBytes } from "node:crypto";
import { ApiError } from "../server/api-error";
import type { QueryRecord } from "./executor";

// Server-side cursors behind nextRecordsUrl. Like Salesforce, a query's result set is fixed
// when it runs; later pages are served from that snapshot. Locators are "<cursorId>-<offset>".

const CURSOR_TTL_MS = 15 * 60 * 1000;
const MAX_CURSORS = 1000;

interface Cursor {
  records: QueryRecord[];
  totalSize: number;
  batchSize: number;
  touchedAt: number;
}

export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: QueryRecord[];
}

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  /** First page of a result; registers a cursor if more pages remain. */
  firstPage(
    records: QueryRecord[],
    totalSize: number,
    batchSize: number,
    apiVersion: string,
  ): QueryPage {
    if (records.length <= batchSize) return { totalSize, done: true, records };
    this.evict();
    const id = `01g${randomBytes(8).toString("hex").slice(0, 15)}`;
    this.cursors.set(id, { records, totalSize, batchSize, touchedAt: Date.now() });
    return this.page(id, 0, apiVersion);
  }

  nextPage(locator: string, apiVersion: string): QueryPage {
    const dash = locator.lastIndexOf("-");
    const id = locator.slice(0, dash);
    const offset = Number(locator.slice(dash + 1));
    const cursor = this.cursors.get(id);
    if (
      dash < 0 ||
      !cursor ||
      !Number.isInteger(offset) ||
      offset < 0 ||
      offset > cursor.records.length
    ) {
      throw new ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    }
    cursor.touchedAt = Date.now();
    return this.page(id, offset, apiVersion);
  }

  private page(id: string, offset: number, apiVersion: string): QueryPage {
    const cursor = this.cursors.get(id);
    if (!cursor) throw new ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    const end = offset + cursor.batchSize;
    const records = cursor.records.slice(offset, end);
    if (end >= cursor.records.length) {
      this.cursors.delete(id);
      return { totalSize: cursor.totalSize, done: true, records };
    }
    return {
      totalSize: cursor.totalSize,
      done: false,
      nextRecordsUrl: `/services/data/v${apiVersion}/query/${id}-${end}`,
      records,
    };
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, c] of this.cursors)
      if (now - c.touchedAt > CURSOR_TTL_MS) this.cursors.delete(id);
    while (this.cursors.size >= MAX_CURSORS) {
      const oldest = this.cursors.keys().next().value;
      if (oldest === undefined) break;
      this.cursors.delete(oldest);
    }
  }
}
