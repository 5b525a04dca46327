import { describe, expect, it } from "vitest";
import { type Mapping, mappingSchema } from "../definitions/transform";
import { applyMapping } from "../mapping/apply-mapping";
import { compareOutcome, compareToLastSynced } from "./compare";
import { makeSync } from "./fixtures.test-support";
import { planIdentity } from "./identity";

const mappings = (...inputs: unknown[]): Mapping[] => inputs.map((m) => mappingSchema.parse(m));

// Salesforce-like side A and Postgres-like side B store the same values differently.
const aToB = mappings(
  { target: "name", source: "Name", transforms: [{ type: "trim" }] },
  { target: "revenue", source: "AnnualRevenue" },
  { target: "closed_at", source: "CloseDate" },
  { target: "active", source: "IsActive", transforms: [{ type: "cast", to: "string" }] },
);
const bToA = mappings(
  { target: "Name", source: "name" },
  { target: "AnnualRevenue", source: "revenue", transforms: [{ type: "cast", to: "number" }] },
  { target: "CloseDate", source: "closed_at" },
  { target: "IsActive", source: "active", transforms: [{ type: "cast", to: "boolean" }] },
);

describe("loop prevention: an echo of Duplex's own write", () => {
  it("ends as skipped-equal in the opposite flow", async () => {
    const recordA = {
      Id: "A-1",
      Name: " Acme ",
      AnnualRevenue: 1.5,
      CloseDate: "2024-01-01T00:00:00.000Z",
      IsActive: true,
    };

    // A -> B: identity and payload.
    const plan = planIdentity({
      sync: makeSync(),
      objectKey: "account",
      direction: "a-to-b",
      sourceKey: "A-1",
      sourceRecord: recordA,
      link: null,
    });
    expect(plan).toMatchObject({ action: "write", setFields: { sf_id: "A-1" } });
    const written = await applyMapping(recordA, aToB);
    const firstWrite = compareToLastSynced({ mapped: written.values, targetCurrent: null });
    expect(compareOutcome(firstWrite)).toBeNull();

    // B stores it its own way (numeric as text, timestamp without millis) and emits a change.
    const recordB = {
      id: 7,
      name: "Acme",
      revenue: "1.50",
      closed_at: "2024-01-01 00:00:00+00",
      active: "true",
      sf_id: "A-1",
    };
    const echoed = await applyMapping(recordB, bToA);
    const result = compareToLastSynced({ mapped: echoed.values, targetCurrent: recordA });
    expect(result).toMatchObject({ equal: true, reason: "matches-target", changedFields: [] });
    expect(compareOutcome(result)).toBe("skipped-equal");
  });

  it("a real edit on B is not mistaken for an echo", async () => {
    const recordA = {
      Name: "Acme",
      AnnualRevenue: 1.5,
      CloseDate: "2024-01-01T00:00:00Z",
      IsActive: true,
    };
    const recordB = {
      name: "Acme",
      revenue: "1.75",
      closed_at: "2024-01-01T00:00:00Z",
      active: "true",
    };
    const mapped = await applyMapping(recordB, bToA);
    const result = compareToLastSynced({ mapped: mapped.values, targetCurrent: recordA });
    expect(result).toMatchObject({ equal: false, changedFields: ["AnnualRevenue"] });
    expect(compareOutcome(result)).toBeNull();
  });
});
