import { badRequest } from "../server/api-error";
import type { EmulatorContext } from "../server/context";
import { type ApiRequest, header, json } from "../server/http-types";
import type { Router } from "../server/router";

// /query and /queryAll with server-side cursors for nextRecordsUrl paging.

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;

/** Sforce-Query-Options: batchSize=n, clamped to Salesforce's documented 200..2000. */
export function batchSizeFrom(req: ApiRequest): number {
  const options = header(req, "sforce-query-options") ?? "";
  for (const part of options.split(",")) {
    const [key, value] = part.split("=").map((s) => s.trim());
    if (key?.toLowerCase() === "batchsize" && value && /^\d+$/.test(value)) {
      return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(value)));
    }
  }
  return DEFAULT_BATCH;
}

export function registerQueryRoutes(router: Router, ctx: EmulatorContext): void {
  for (const resource of ["query", "queryAll"] as const) {
    router.add("GET", `/services/data/:version/${resource}`, async (req) => {
      if (req.query.has("explain"))
        throw badRequest(
          "MALFORMED_QUERY",
          "query plans (explain) are not supported by this emulator",
        );
      const soql = req.query.get("q");
      if (soql === null || soql.trim() === "")
        throw badRequest("MALFORMED_QUERY", "A query string has to be specified");
      const result = await ctx.query(soql, resource === "queryAll", req.apiVersion);
      if (result.count) return json(200, { totalSize: result.totalSize, done: true, records: [] });
      return json(
        200,
        ctx.cursors.firstPage(result.records, result.totalSize, batchSizeFrom(req), req.apiVersion),
      );
    });
    router.add("GET", `/services/data/:version/${resource}/:locator`, (req) =>
      json(200, ctx.cursors.nextPage(req.params.locator ?? "", req.apiVersion)),
    );
  }
}
