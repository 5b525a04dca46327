import { z } from "zod";
import { ConnectorError, type ConnectorErrorInfo, type WriteOutcome } from "../types";
import { type SfRecord, toJsonRecord } from "./cast";
import { recordErrorInfo, saveErrorSchema } from "./errors";
import type { SalesforceSession } from "./session";

/** sObject Collections never take more than 200 records per request. */
export const MAX_COLLECTION_SIZE = 200;

export type SaveOperation = "insert" | "update" | "upsert";

const saveResults = z.array(
  z.object({
    id: z.string().nullish(),
    success: z.boolean(),
    created: z.boolean().optional(),
    errors: z.array(saveErrorSchema).default([]),
  }),
);

/**
 * A request that failed as a whole after earlier batches were written cannot be thrown (that
 * would make the engine retry, and re-create, the written ones), so its records fail one by one
 * with the request's error, keeping its transient flag.
 */
function batchFailure(
  error: unknown,
  key: (i: number) => string | null,
  count: number,
): WriteOutcome[] {
  const info: ConnectorErrorInfo =
    error instanceof ConnectorError
      ? { code: error.code, message: error.message, transient: error.transient }
      : { code: "error", message: String(error), transient: false };
  return Array.from({ length: count }, (_, i) => ({ ok: false, key: key(i), error: info }));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes records through sObject Collections with allOrNone=false, so each record succeeds or
 * fails on its own. Outcomes come back in input order.
 */
export async function saveCollection(
  session: SalesforceSession,
  objectName: string,
  operation: SaveOperation,
  records: readonly SfRecord[],
  options: { batchSize: number; externalIdField?: string },
): Promise<WriteOutcome[]> {
  const url =
    operation === "upsert"
      ? `/composite/sobjects/${objectName}/${options.externalIdField ?? "Id"}`
      : "/composite/sobjects";
  const method = operation === "insert" ? "POST" : "PATCH";
  const outcomes: WriteOutcome[] = [];
  const size = Math.min(options.batchSize, MAX_COLLECTION_SIZE);
  for (const batch of chunks(records, size)) {
    const inputKey = (i: number) => {
      const id = batch[i]?.Id;
      return typeof id === "string" ? id : null;
    };
    let results: z.infer<typeof saveResults>;
    try {
      const body = {
        allOrNone: false,
        records: batch.map((r) => ({ attributes: { type: objectName }, ...toJsonRecord(r) })),
      };
      results = saveResults.parse(
        await session.request(`${operation} ${objectName}`, method, url, body),
      );
      if (results.length !== batch.length) {
        throw new ConnectorError(
          `Salesforce answered ${results.length} results for ${batch.length} records`,
          "unexpected_response",
          false,
        );
      }
    } catch (error) {
      if (outcomes.length === 0) throw error;
      outcomes.push(...batchFailure(error, inputKey, batch.length));
      continue;
    }
    results.forEach((result, i) => {
      const key = result.id ?? inputKey(i);
      outcomes.push(
        result.success && key !== null
          ? {
              ok: true,
              key,
              created:
                operation === "insert" || (operation === "upsert" && result.created === true),
            }
          : { ok: false, key, error: recordErrorInfo(result.errors) },
      );
    });
  }
  return outcomes;
}

/**
 * Deletes by Id, 200 per request. A record that is already deleted counts as deleted: deletes
 * are replayed, and the second attempt must not fail.
 */
export async function deleteCollection(
  session: SalesforceSession,
  objectName: string,
  ids: readonly string[],
  batchSize: number,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const batch of chunks(ids, Math.min(batchSize, MAX_COLLECTION_SIZE))) {
    let results: z.infer<typeof saveResults>;
    try {
      const query = new URLSearchParams({ ids: batch.join(","), allOrNone: "false" });
      results = saveResults.parse(
        await session.request(
          `delete from ${objectName}`,
          "DELETE",
          `/composite/sobjects?${query}`,
        ),
      );
    } catch (error) {
      if (outcomes.length === 0) throw error;
      outcomes.push(...batchFailure(error, (i) => batch[i] ?? null, batch.length));
      continue;
    }
    batch.forEach((id, i) => {
      const result = results[i];
      const gone = result?.errors.some((e) => e.code === "ENTITY_IS_DELETED") ?? false;
      outcomes.push(
        result?.success || gone
          ? { ok: true, key: id, created: false }
          : {
              ok: false,
              key: id,
              error: recordErrorInfo(result?.errors ?? []),
            },
      );
    });
  }
  return outcomes;
}
