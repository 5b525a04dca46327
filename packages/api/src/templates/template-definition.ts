import { isConnectorType } from "@duplex/connectors";
import {
  conflictPolicySchema,
  mappingSchema,
  objectPairSchema,
  type SyncDefinition,
  syncDefinitionSchema,
  syncModeSchema,
} from "@duplex/core";
import { z } from "zod";

const connectorTypeSchema = z
  .string()
  .refine(isConnectorType, { message: "Unknown connector type" })
  .describe("Connector type the side's connection must have (postgres, salesforce, ...).");

/**
 * What the gallery stores in `templates.definition`: a sync definition without a name and without
 * connections (the user picks those), the connector type each side needs, and the field mappings
 * of each direction's map node. The parts reuse core's schemas, and the whole is checked with the
 * sync definition's cross-field rules (SOR needs an external-ID field, and so on).
 */
export const templateDefinitionSchema = z
  .object({
    systems: z.object({ a: connectorTypeSchema, b: connectorTypeSchema }),
    mode: syncModeSchema,
    conflictPolicy: conflictPolicySchema,
    objects: z.array(objectPairSchema).min(1),
    mappings: z.object({
      "a-to-b": z.array(mappingSchema),
      "b-to-a": z.array(mappingSchema),
    }),
  })
  .superRefine((template, ctx) => {
    const checked = syncDefinitionSchema.safeParse(syncDefinitionFromTemplate(template, {}));
    if (checked.success) return;
    for (const issue of checked.error.issues) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
  });
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;
export type TemplateDefinitionInput = z.input<typeof templateDefinitionSchema>;

/** The sync definition a template becomes once it has a name and two connections. */
export function syncDefinitionFromTemplate(
  template: Pick<TemplateDefinition, "mode" | "conflictPolicy" | "objects">,
  sync: { name?: string; connectionA?: string; connectionB?: string },
): SyncDefinition {
  return {
    schemaVersion: 1,
    name: sync.name ?? "template",
    connectionA: sync.connectionA ?? "a",
    connectionB: sync.connectionB ?? "b",
    mode: template.mode,
    conflictPolicy: template.conflictPolicy,
    objects: template.objects,
  };
}

export interface BuiltinTemplate {
  slug: string;
  name: string;
  description: string;
  category: string;
  definition: TemplateDefinitionInput;
}
