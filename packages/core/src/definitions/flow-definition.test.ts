import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  flowDefinitionSchema,
  flowNodeSchema,
  nodeConfigSchemas,
  nodeTypes,
} from "./flow-definition";
import { nodeCatalogue, nodeGroups } from "./node-catalogue";
import { defaultRetryPolicy, retryDelayMs, retryPolicySchema } from "./retry-policy";

const position = { x: 0, y: 0 };

describe("node catalogue", () => {
  it.each(nodeTypes)(
    "%s has a complete entry whose default config parses once objects are set",
    (type) => {
      const entry = nodeCatalogue[type];
      expect(entry.type).toBe(type);
      expect(nodeGroups).toContain(entry.group);
      expect(entry.label).not.toBe("");
      expect(entry.outputs.length).toBeGreaterThan(0);
      expect(entry.inputs.length).toBe(type.startsWith("trigger.") ? 0 : 1);
      const config =
        "object" in entry.defaultConfig
          ? { ...entry.defaultConfig, object: "account" }
          : entry.defaultConfig;
      expect(nodeConfigSchemas[type].safeParse(config).success).toBe(true);
      expect(flowNodeSchema.safeParse({ id: "n1", type, position, config }).success).toBe(true);
    },
  );

  it.each(nodeTypes)("%s config converts to JSON Schema for the editor's forms", (type) => {
    const schema = z.toJSONSchema(nodeConfigSchemas[type], { io: "input" });
    expect(schema.type).toBe("object");
  });

  it("new nodes start with empty object keys, which the schema refuses", () => {
    expect(
      nodeConfigSchemas["trigger.poll"].safeParse(nodeCatalogue["trigger.poll"].defaultConfig)
        .success,
    ).toBe(false);
  });
});

describe("node config rules", () => {
  it.each<[string, keyof typeof nodeConfigSchemas, unknown, boolean]>([
    ["schedule with cron", "trigger.schedule", { object: "a", cron: "*/5 * * * *" }, true],
    ["schedule with interval", "trigger.schedule", { object: "a", intervalSeconds: 60 }, true],
    [
      "schedule with both",
      "trigger.schedule",
      { object: "a", cron: "* * * * *", intervalSeconds: 60 },
      false,
    ],
    ["schedule with neither", "trigger.schedule", { object: "a" }, false],
    ["poll defaults", "trigger.poll", { object: "a" }, true],
    ["poll negative overlap", "trigger.poll", { object: "a", overlapSeconds: -1 }, false],
    ["webhook with secret", "trigger.webhook", { object: "a", hmacSecretRef: "secret:hook" }, true],
    ["change stream", "trigger.change-stream", { object: "a", maxBatchSize: 100 }, true],
    [
      "map with mappings",
      "map",
      { mappings: [{ target: "x", source: "y", transforms: [{ type: "trim" }] }] },
      true,
    ],
    [
      "map with unknown transform",
      "map",
      { mappings: [{ target: "x", transforms: [{ type: "explode" }] }] },
      false,
    ],
    ["filter needs a condition", "filter", { condition: "" }, false],
    ["match-key needs fields", "lookup", { object: "a", strategy: "match-key" }, false],
    [
      "match-key with fields",
      "lookup",
      { object: "a", strategy: "match-key", matchFields: [{ source: "Email", target: "email" }] },
      true,
    ],
    ["soft delete needs a field", "delete", { object: "a", behaviour: "soft" }, false],
    [
      "soft delete with field",
      "delete",
      { object: "a", behaviour: "soft", softDeleteField: "deleted" },
      true,
    ],
    ["ignore delete", "delete", { object: "a", behaviour: "ignore" }, true],
    ["upsert operation", "upsert", { object: "a", operation: "merge" }, false],
    ["write-back", "write-back", { object: "a", field: "sf_id" }, true],
    ["object keys are slugs", "upsert", { object: "Account" }, false],
  ])("%s", (_name, type, config, valid) => {
    expect(nodeConfigSchemas[type].safeParse(config).success).toBe(valid);
  });
});

describe("flowDefinitionSchema", () => {
  const node = (id: string) => ({ id, type: "filter", position, config: { condition: "true" } });
  it("refuses duplicate node and edge ids", () => {
    const result = flowDefinitionSchema.safeParse({
      schemaVersion: 1,
      direction: "a-to-b",
      nodes: [node("a"), node("a")],
      edges: [
        { id: "e", source: "a", target: "a" },
        { id: "e", source: "a", target: "a" },
      ],
    });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join("."))).toEqual([
      "nodes.1.id",
      "edges.1.id",
    ]);
  });

  it("requires schemaVersion 1", () => {
    expect(
      flowDefinitionSchema.safeParse({
        schemaVersion: 2,
        direction: "a-to-b",
        nodes: [],
        edges: [],
      }).success,
    ).toBe(false);
  });
});

describe("retry policy", () => {
  it("defaults to exponential backoff", () => {
    expect(defaultRetryPolicy).toEqual({
      initialIntervalMs: 1000,
      backoffCoefficient: 2,
      maximumIntervalMs: 60000,
      maximumAttempts: 5,
      nonRetryableErrorTypes: [],
    });
  });

  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [7, 60000],
  ])("retry %d waits %d ms", (attempt, delay) => {
    expect(retryDelayMs(defaultRetryPolicy, attempt)).toBe(delay);
  });

  it("refuses a maximum below the initial interval", () => {
    expect(
      retryPolicySchema.safeParse({ initialIntervalMs: 5000, maximumIntervalMs: 1000 }).success,
    ).toBe(false);
  });
});
