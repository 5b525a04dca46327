import { z } from "zod";
import { fieldNameSchema, otherSide, type Side, sideSchema } from "./common";
import { retryPolicySchema } from "./retry-policy";

/** Lower-case slug: object pair keys appear in node configs, link rows and URLs. */
export const objectKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, "Use lower-case letters, digits, '-' or '_', starting with a letter")
  .describe("Stable key of an object pair within the sync, e.g. 'account'.");

export const parentReferenceSchema = z.object({
  object: objectKeySchema.describe("Key of the parent object pair in the same sync."),
  fieldA: fieldNameSchema.describe("Field on side A's child that holds the parent's A key."),
  fieldB: fieldNameSchema.describe("Field on side B's child that holds the parent's B key."),
});
export type ParentReference = z.infer<typeof parentReferenceSchema>;

const optionalField = (help: string) => fieldNameSchema.optional().describe(help);

export const objectPairSchema = z.object({
  key: objectKeySchema,
  objectA: fieldNameSchema.describe("Object (table, sObject, resource) on side A."),
  objectB: fieldNameSchema.describe("Object (table, sObject, resource) on side B."),
  keyFieldA: optionalField("Primary key on side A; defaults to the described primary key."),
  keyFieldB: optionalField("Primary key on side B; defaults to the described primary key."),
  externalIdFieldA: optionalField(
    "External-ID field on side A (SOR mode: needed when B is the SOR; external-id mode: always).",
  ),
  externalIdFieldB: optionalField(
    "External-ID field on side B (SOR mode: needed when A is the SOR; external-id mode: always).",
  ),
  updatedAtFieldA: optionalField("Side A's own last-modified field (timestamp conflicts)."),
  updatedAtFieldB: optionalField("Side B's own last-modified field (timestamp conflicts)."),
  versionFieldA: optionalField("Side A's version number field (version conflicts)."),
  versionFieldB: optionalField("Side B's version number field (version conflicts)."),
  parents: z
    .array(parentReferenceSchema)
    .default([])
    .describe("Parent objects this object references; parents are synced first."),
});
export type ObjectPair = z.infer<typeof objectPairSchema>;

export const syncModeSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("sor"),
    side: sideSchema.describe("The System of Record: its primary key is the identity."),
  }),
  z.object({ type: z.literal("external-id") }),
]);
export type SyncMode = z.infer<typeof syncModeSchema>;

export const conflictPolicySchema = z
  .enum(["sor-wins", "latest-source-timestamp", "version-number"])
  .describe("Who wins when both sides changed the same record.");
export type ConflictPolicy = z.infer<typeof conflictPolicySchema>;

const syncDefinitionObjectSchema = z.object({
  schemaVersion: z.literal(1),
  name: z.string().min(1).describe("Display name of the sync."),
  connectionA: z.string().min(1).describe("Connection id or name for side A."),
  connectionB: z.string().min(1).describe("Connection id or name for side B."),
  mode: syncModeSchema,
  conflictPolicy: conflictPolicySchema,
  objects: z.array(objectPairSchema).min(1).describe("Object pairs, in the order they were added."),
  retry: retryPolicySchema.optional().describe("Default retry policy for the sync's I/O nodes."),
});

export const syncDefinitionSchema = syncDefinitionObjectSchema.superRefine((sync, ctx) => {
  for (const issue of syncDefinitionIssues(sync)) ctx.addIssue({ code: "custom", ...issue });
});
export type SyncDefinition = z.infer<typeof syncDefinitionSchema>;

interface SyncIssue {
  message: string;
  path: (string | number)[];
}

export function pairField(
  pair: ObjectPair,
  kind: "object" | "keyField" | "externalIdField" | "updatedAtField" | "versionField",
  side: Side,
): string | undefined {
  const suffix = side === "a" ? "A" : "B";
  return pair[`${kind}${suffix}`];
}

/** Cross-field rules the per-field schemas cannot express. Every issue is reported, not the first. */
function syncDefinitionIssues(sync: z.infer<typeof syncDefinitionObjectSchema>): SyncIssue[] {
  const issues: SyncIssue[] = [];
  const keys = new Set<string>();
  sync.objects.forEach((pair, index) => {
    if (keys.has(pair.key)) {
      issues.push({
        message: `Duplicate object key '${pair.key}'`,
        path: ["objects", index, "key"],
      });
    }
    keys.add(pair.key);
  });

  sync.objects.forEach((pair, index) => {
    const at = (field: string) => ["objects", index, field];
    if (sync.mode.type === "sor") {
      // The non-SOR side stores the SOR key; without that field records can never be matched.
      const nonSor = otherSide(sync.mode.side);
      if (!pairField(pair, "externalIdField", nonSor)) {
        const field = nonSor === "a" ? "externalIdFieldA" : "externalIdFieldB";
        issues.push({
          message: `SOR mode (SOR = ${sync.mode.side.toUpperCase()}) needs ${field} on the non-SOR side to hold the SOR key`,
          path: at(field),
        });
      }
    } else {
      for (const field of ["externalIdFieldA", "externalIdFieldB"] as const) {
        if (!pair[field]) {
          issues.push({ message: `External-ID mode needs ${field}`, path: at(field) });
        }
      }
    }
    if (sync.conflictPolicy === "latest-source-timestamp") {
      for (const field of ["updatedAtFieldA", "updatedAtFieldB"] as const) {
        if (!pair[field]) {
          issues.push({ message: `latest-source-timestamp needs ${field}`, path: at(field) });
        }
      }
    }
    if (sync.conflictPolicy === "version-number") {
      for (const field of ["versionFieldA", "versionFieldB"] as const) {
        if (!pair[field]) {
          issues.push({ message: `version-number needs ${field}`, path: at(field) });
        }
      }
    }
    pair.parents.forEach((parent, parentIndex) => {
      const path = ["objects", index, "parents", parentIndex, "object"];
      if (parent.object === pair.key) {
        issues.push({ message: `'${pair.key}' cannot be its own parent`, path });
      } else if (!keys.has(parent.object)) {
        issues.push({ message: `Unknown parent object '${parent.object}'`, path });
      }
    });
  });

  if (sync.conflictPolicy === "sor-wins" && sync.mode.type !== "sor") {
    issues.push({ message: "sor-wins needs SOR mode", path: ["conflictPolicy"] });
  }

  const cycle = findParentCycle(sync.objects);
  if (cycle) {
    issues.push({ message: `Parent cycle: ${cycle.join(" -> ")}`, path: ["objects"] });
  }
  return issues;
}

/**
 * Depth-first search for a cycle through `parents`. Returns the cycle as a list of keys
 * (first key repeated at the end) or null. Self references are reported separately.
 */
export function findParentCycle(
  objects: readonly { key: string; parents?: readonly { object: string }[] }[],
): string[] | null {
  const parentsOf = new Map(objects.map((o) => [o.key, (o.parents ?? []).map((p) => p.object)]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (key: string): string[] | null => {
    const seen = state.get(key);
    if (seen === "done") return null;
    if (seen === "visiting") return [...stack.slice(stack.indexOf(key)), key];
    state.set(key, "visiting");
    stack.push(key);
    for (const parent of parentsOf.get(key) ?? []) {
      if (parent === key || !parentsOf.has(parent)) continue;
      const cycle = visit(parent);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(key, "done");
    return null;
  };
  for (const object of objects) {
    const cycle = visit(object.key);
    if (cycle) return cycle;
  }
  return null;
}
