import { describe, expect, it } from "vitest";
import { flowDefinitionSchema } from "../definitions/flow-definition";
import { objectDescriptorSchema } from "../model/describe";
import { makeSync } from "../sync/fixtures.test-support";
import { accountA, customerB } from "../validation/fixtures.test-support";
import { validateFlow } from "../validation/validate-flow";
import { defaultFlowForSync } from "./default-flow";

const sorA = makeSync();
const external = makeSync({
  mode: { type: "external-id" },
  conflictPolicy: "latest-source-timestamp",
  objects: [
    {
      key: "account",
      objectA: "Account",
      objectB: "customers",
      externalIdFieldA: "Erp_Id__c",
      externalIdFieldB: "sf_id",
      updatedAtFieldA: "LastModifiedDate",
      updatedAtFieldB: "updated_at",
    },
  ],
});

describe("defaultFlowForSync", () => {
  it.each([
    [
      "SOR side writes to the other side",
      sorA,
      "a-to-b",
      ["trigger", "map", "lookup", "compare", "upsert", "delete"],
      "sor-key",
    ],
    [
      "writing into the SOR adds write-back",
      sorA,
      "b-to-a",
      ["trigger", "map", "lookup", "compare", "upsert", "delete", "write-back"],
      "sor-key",
    ],
    [
      "external-ID mode",
      external,
      "b-to-a",
      ["trigger", "map", "lookup", "compare", "upsert", "delete"],
      "external-id",
    ],
  ] as const)("%s", (_name, sync, direction, ids, strategy) => {
    const flow = defaultFlowForSync(sync, direction);
    expect(flow.nodes.map((n) => n.id)).toEqual(ids);
    expect(flow.edges.map((e) => [e.source, e.target])).toEqual(
      ids.slice(1).map((id, i) => [ids[i], id]),
    );
    expect(flow.nodes.find((n) => n.type === "lookup")?.config).toMatchObject({ strategy });
    expect(flowDefinitionSchema.safeParse(flow).success).toBe(true);
    expect(validateFlow(flow, { sync, twoWay: true })).toEqual([]);
  });

  it("auto-maps fields by case-insensitive name, with casts, skipping identity and read-only fields", () => {
    const flow = defaultFlowForSync(sorA, "a-to-b", {
      source: accountA,
      target: customerB,
      trigger: "trigger.change-stream",
    });
    expect(flow.nodes[0]?.type).toBe("trigger.change-stream");
    const map = flow.nodes.find((n) => n.type === "map");
    expect(map?.type === "map" ? map.config.mappings : null).toEqual([
      { target: "name", source: "Name", transforms: [] },
      { target: "annual_revenue", source: "AnnualRevenue", transforms: [] },
      { target: "is_active", source: "IsActive", transforms: [] },
      { target: "founded", source: "Founded", transforms: [] },
    ]);
  });

  it("maps parent references through the link table", () => {
    const contactA = objectDescriptorSchema.parse({
      name: "Contact",
      primaryKey: "Id",
      fields: [
        { name: "Id", type: "id", nullable: false },
        { name: "AccountId", type: "reference", nullable: true },
        { name: "Email", type: "string", nullable: true },
      ],
    });
    const contactB = objectDescriptorSchema.parse({
      name: "contacts",
      primaryKey: "id",
      fields: [
        { name: "id", type: "integer", nullable: false },
        { name: "customer_id", type: "integer", nullable: true },
        { name: "email", type: "string", nullable: true },
        { name: "age", type: "integer", nullable: true },
      ],
    });
    const flow = defaultFlowForSync(sorA, "a-to-b", {
      objectKey: "contact",
      source: contactA,
      target: contactB,
    });
    const map = flow.nodes.find((n) => n.type === "map");
    expect(map?.type === "map" ? map.config.mappings : null).toEqual([
      {
        target: "customer_id",
        source: "AccountId",
        transforms: [{ type: "reference", object: "account" }],
      },
      { target: "email", source: "Email", transforms: [] },
    ]);
    expect(flow.nodes.every((n) => !("object" in n.config) || n.config.object === "contact")).toBe(
      true,
    );
  });

  it("adds casts where the target needs another type", () => {
    const flow = defaultFlowForSync(sorA, "b-to-a", { source: customerB, target: accountA });
    const map = flow.nodes.find((n) => n.type === "map");
    expect(map?.type === "map" ? map.config.mappings : null).toEqual([
      { target: "Name", source: "name", transforms: [] },
      {
        target: "AnnualRevenue",
        source: "annual_revenue",
        transforms: [{ type: "cast", to: "number" }],
      },
      { target: "IsActive", source: "is_active", transforms: [] },
      { target: "Founded", source: "founded", transforms: [{ type: "cast", to: "date" }] },
    ]);
  });

  it("refuses unknown objects", () => {
    expect(() => defaultFlowForSync(sorA, "a-to-b", { objectKey: "nope" })).toThrow(/no object/);
  });
});
