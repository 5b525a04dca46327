import { readFileSync } from "node:fs";
import { z } from "zod";

// The shape of src/schema/objects.json. Only business fields are declared there; the system
// fields every Salesforce object carries (Id, audit fields, IsDeleted) are added by the catalog.

export const fieldTypes = [
  "id",
  "string",
  "textarea",
  "email",
  "phone",
  "url",
  "picklist",
  "boolean",
  "int",
  "double",
  "currency",
  "percent",
  "date",
  "datetime",
  "reference",
] as const;

export type FieldType = (typeof fieldTypes)[number];

const fieldFileSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
    label: z.string(),
    type: z.enum(fieldTypes),
    length: z.number().int().positive().optional(),
    precision: z.number().int().positive().optional(),
    scale: z.number().int().nonnegative().optional(),
    digits: z.number().int().positive().optional(),
    required: z.boolean().optional(),
    externalId: z.boolean().optional(),
    unique: z.boolean().optional(),
    caseSensitive: z.boolean().optional(),
    nameField: z.boolean().optional(),
    createable: z.boolean().optional(),
    updateable: z.boolean().optional(),
    picklistValues: z.array(z.string()).optional(),
    restrictedPicklist: z.boolean().optional(),
    defaultValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
    referenceTo: z.array(z.string()).optional(),
    relationshipName: z.string().optional(),
    deleteBehavior: z.enum(["cascade", "setNull"]).optional(),
    computedFrom: z.array(z.string()).optional(),
  })
  .strict()
  .refine((f) => f.type !== "reference" || (f.referenceTo?.length && f.relationshipName), {
    message: "reference fields need referenceTo and relationshipName",
  })
  .refine((f) => f.type !== "picklist" || f.picklistValues?.length, {
    message: "picklist fields need picklistValues",
  });

const objectFileSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
    label: z.string(),
    labelPlural: z.string(),
    keyPrefix: z.string().regex(/^[a-zA-Z0-9]{3}$/),
    createable: z.boolean().optional(),
    updateable: z.boolean().optional(),
    deletable: z.boolean().optional(),
    fields: z.array(fieldFileSchema),
  })
  .strict();

export const schemaFileSchema = z.object({ objects: z.array(objectFileSchema).min(1) }).strict();

export type FieldFileEntry = z.infer<typeof fieldFileSchema>;
export type ObjectFileEntry = z.infer<typeof objectFileSchema>;
export type SchemaFile = z.infer<typeof schemaFileSchema>;

export const defaultSchemaPath = new URL("./objects.json", import.meta.url);

export function loadSchemaFile(path: URL | string = defaultSchemaPath): SchemaFile {
  const raw: unknown = JSON.parse(readFileSync(path, "utf8"));
  return schemaFileSchema.parse(raw);
}
