import { formatDatetime, parseDatetime } from "../records/datetime-format";
import { recordJson } from "../records/record-json";
import type { ObjectDef } from "../schema/catalog";
import { ApiError, badRequest } from "../server/api-error";
import type { EmulatorContext } from "../server/context";
import { type ApiRequest, json } from "../server/http-types";
import type { Router } from "../server/router";

// Replication resources: sObject Get Deleted / Get Updated (real Salesforce), plus the
// emulator-only change feed GET /services/data/vXX.X/emulator/changes?since=&objects=.

const MINUTE = 60_000;

function replicationWindow(req: ApiRequest, now: number): { start: number; end: number } {
  const parse = (name: string) => {
    const raw = req.query.get(name);
    const ms = raw ? parseDatetime(raw) : undefined;
    if (ms === undefined) {
      throw badRequest(
        "INVALID_REPLICATION_DATE",
        `${name} must be a dateTime such as 2024-01-01T00:00:00+00:00`,
      );
    }
    return ms;
  };
  // Salesforce ignores seconds in both bounds and never covers the future.
  const start = Math.floor(parse("start") / MINUTE) * MINUTE;
  const end = Math.min(Math.floor(parse("end") / MINUTE) * MINUTE, now);
  if (end < start)
    throw badRequest("INVALID_REPLICATION_DATE", "end date must be after start date");
  return { start, end };
}

function stamp(value: unknown): number {
  return typeof value === "string" ? (parseDatetime(value) ?? 0) : 0;
}

export function registerChangeRoutes(router: Router, ctx: EmulatorContext): void {
  router.add("GET", "/services/data/:version/sobjects/:object/deleted", async (req) => {
    const def = ctx.objectOr404(req.params.object ?? "");
    const { start, end } = replicationWindow(req, ctx.now());
    const deleted = (await ctx.store.listRecords(def.name)).filter((r) => r.deletedDate !== null);
    const earliest = Math.min(start, ...deleted.map((r) => stamp(r.deletedDate)));
    return json(200, {
      deletedRecords: deleted
        .filter((r) => stamp(r.deletedDate) >= start && stamp(r.deletedDate) < end + MINUTE)
        .map((r) => ({ id: r.id, deletedDate: r.deletedDate })),
      earliestDateAvailable: formatDatetime(earliest),
      latestDateCovered: formatDatetime(end),
    });
  });

  router.add("GET", "/services/data/:version/sobjects/:object/updated", async (req) => {
    const def = ctx.objectOr404(req.params.object ?? "");
    const { start, end } = replicationWindow(req, ctx.now());
    const records = await ctx.store.listRecords(def.name);
    return json(200, {
      ids: records
        .filter((r) => r.deletedDate === null)
        .filter(
          (r) =>
            stamp(r.fields.SystemModstamp) >= start &&
            stamp(r.fields.SystemModstamp) < end + MINUTE,
        )
        .map((r) => r.id),
      latestDateCovered: formatDatetime(end),
    });
  });

  router.add("GET", "/services/data/:version/emulator/changes", async (req) => {
    const sinceRaw = req.query.get("since");
    const since = sinceRaw ? parseDatetime(sinceRaw) : 0;
    if (since === undefined)
      throw badRequest("INVALID_REPLICATION_DATE", "since must be a dateTime");
    const objects = objectsParam(ctx, req.query.get("objects"));
    const limit = Math.min(Number(req.query.get("limit") ?? 2000) || 2000, 10_000);
    const changes = [];
    for (const def of objects) {
      for (const r of await ctx.store.listRecords(def.name)) {
        const modstamp = stamp(r.fields.SystemModstamp);
        if (modstamp <= since) continue;
        const changeType =
          r.deletedDate !== null
            ? "deleted"
            : stamp(r.fields.CreatedDate) > since
              ? "created"
              : "updated";
        changes.push({
          object: def.name,
          id: r.id,
          changeType,
          systemModstamp: modstamp,
          record: recordJson(req.apiVersion, def, r),
        });
      }
    }
    changes.sort((a, b) => a.systemModstamp - b.systemModstamp || (a.id < b.id ? -1 : 1));
    let page = changes.slice(0, limit);
    // Never split a millisecond across pages: the next poll asks for stamps > nextSince.
    const cut = page.at(-1);
    if (
      cut &&
      page.length < changes.length &&
      changes[page.length]?.systemModstamp === cut.systemModstamp
    ) {
      const trimmed = page.filter((c) => c.systemModstamp !== cut.systemModstamp);
      if (trimmed.length > 0) page = trimmed;
    }
    const last = page.at(-1);
    return json(200, {
      changes: page.map((c) => ({ ...c, systemModstamp: formatDatetime(c.systemModstamp) })),
      // Pass back as `since` to continue.
      nextSince: last ? formatDatetime(last.systemModstamp) : (sinceRaw ?? formatDatetime(0)),
      done: page.length === changes.length,
    });
  });
}

function objectsParam(ctx: EmulatorContext, raw: string | null): ObjectDef[] {
  if (!raw) return ctx.catalog.objects;
  return raw.split(",").map((name) => {
    const def = ctx.catalog.object(name.trim());
    if (!def) throw new ApiError(404, "NOT_FOUND", `Unknown object ${name}`);
    return def;
  });
}
