import { isConnectorType } from "@duplex/connectors";
import {
  defaultFlowForSync,
  flowDefinitionSchema,
  mappingSchema,
  syncDefinitionSchema,
  validateFlow,
} from "@duplex/core";
import { describe, expect, it } from "vitest";
import { withMappings } from "../editor/sync-service";
import { builtinTemplates } from "./builtin";
import { syncDefinitionFromTemplate, templateDefinitionSchema } from "./template-definition";

describe("built-in templates", () => {
  it("are the three gallery templates, with unique slugs", () => {
    expect(builtinTemplates.map((t) => t.slug)).toEqual([
      "pg-pg-customers-sor",
      "pg-salesforce-accounts-sor",
      "pg-pg-products-external-id",
    ]);
  });

  it.each(builtinTemplates.map((t) => [t.slug, t] as const))(
    "%s parses with the core schemas and yields two structurally valid flows",
    (_slug, template) => {
      const { definition } = template;
      expect(templateDefinitionSchema.safeParse(definition).success).toBe(true);
      expect(isConnectorType(definition.systems.a) && isConnectorType(definition.systems.b)).toBe(
        true,
      );
      const sync = syncDefinitionSchema.parse(
        syncDefinitionFromTemplate(definition, { name: template.name }),
      );
      for (const direction of ["a-to-b", "b-to-a"] as const) {
        const mappings = definition.mappings[direction];
        expect(mappings.length).toBeGreaterThan(0);
        for (const mapping of mappings) expect(mappingSchema.parse(mapping)).toEqual(mapping);
        const mapped = withMappings(defaultFlowForSync(sync, direction), mappings);
        expect(flowDefinitionSchema.safeParse(mapped).success).toBe(true);
        expect(validateFlow(mapped, { sync, twoWay: true })).toEqual([]);
      }
    },
  );

  it("rejects a template that breaks the sync definition's cross-field rules", () => {
    const [first] = builtinTemplates;
    if (!first) throw new Error("no templates");
    const broken = {
      ...first.definition,
      objects: first.definition.objects.map(({ externalIdFieldB: _, ...pair }) => pair),
    };
    const result = templateDefinitionSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(
      "objects.0.externalIdFieldB",
    );
    expect(
      templateDefinitionSchema.safeParse({
        ...first.definition,
        systems: { a: "postgres", b: "mainframe" },
      }).success,
    ).toBe(false);
  });
});
