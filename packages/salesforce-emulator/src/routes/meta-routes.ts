import { describeGlobalEntry, describeSObject } from "../schema/describe";
import type { EmulatorContext } from "../server/context";
import { json } from "../server/http-types";
import type { Router } from "../server/router";

// Versions, resource directory, limits and describe calls.

const SUPPORTED_VERSIONS = Array.from({ length: 62 - 20 + 1 }, (_, i) => `${20 + i}.0`);

export function registerMetaRoutes(router: Router, ctx: EmulatorContext): void {
  router.add(
    "GET",
    "/services/data",
    () =>
      json(
        200,
        SUPPORTED_VERSIONS.map((version) => ({
          label: `v${version}`,
          url: `/services/data/v${version}`,
          version,
        })),
      ),
    { auth: false },
  );

  router.add("GET", "/services/data/:version", (req) => {
    const base = `/services/data/v${req.apiVersion}`;
    return json(200, {
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      limits: `${base}/limits`,
      composite: `${base}/composite`,
      identity: `${req.baseUrl}/id/${ctx.config.orgId}/${ctx.config.userId}`,
      // Emulator-only: a simple change feed (see README / report).
      emulatorChanges: `${base}/emulator/changes`,
    });
  });

  router.add("GET", "/services/data/:version/limits", () => {
    const api = ctx.limits.usage();
    const fixed = (max: number) => ({ Max: max, Remaining: max });
    return json(200, {
      DailyApiRequests: { Max: api.max, Remaining: api.remaining },
      DailyBulkApiBatches: fixed(15000),
      DailyBulkV2QueryFileStorageMB: fixed(976562),
      DailyBulkV2QueryJobs: fixed(10000),
      DataStorageMB: fixed(1024),
      FileStorageMB: fixed(1024),
      HourlyTimeBasedWorkflow: fixed(1000),
      SingleEmailMassEmail: fixed(5000),
    });
  });

  router.add("GET", "/services/data/:version/sobjects", (req) =>
    json(200, {
      encoding: "UTF-8",
      maxBatchSize: 200,
      sobjects: ctx.catalog.objects.map((o) => describeGlobalEntry(req.apiVersion, o)),
    }),
  );

  router.add("GET", "/services/data/:version/sobjects/:object", (req) => {
    const def = ctx.objectOr404(req.params.object ?? "");
    return json(200, { objectDescribe: describeGlobalEntry(req.apiVersion, def), recentItems: [] });
  });

  router.add("GET", "/services/data/:version/sobjects/:object/describe", (req) => {
    const def = ctx.objectOr404(req.params.object ?? "");
    return json(200, describeSObject(ctx.catalog, req.apiVersion, def));
  });
}
