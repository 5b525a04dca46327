import { z } from "zod";

/**
 * Duplex's own field types. Every connector maps its native types onto these in `describe`,
 * so that casts, compare normalization and the mapping editor reason about one vocabulary.
 */
export const fieldTypeSchema = z.enum([
  "string",
  "text",
  "integer",
  "number",
  "decimal",
  "boolean",
  "date",
  "datetime",
  "json",
  "id",
  "reference",
  "picklist",
  "binary",
]);
export type FieldType = z.infer<typeof fieldTypeSchema>;

export const fieldDescriptorSchema = z.object({
  name: z.string().min(1),
  label: z.string().optional(),
  type: fieldTypeSchema,
  /** The system's own type name, for display (`timestamptz`, `Currency`, ...). */
  nativeType: z.string().optional(),
  nullable: z.boolean(),
  /** A value must be supplied on create (not nullable and no default). */
  required: z.boolean().default(false),
  unique: z.boolean().default(false),
  externalId: z.boolean().default(false),
  createable: z.boolean().default(true),
  updateable: z.boolean().default(true),
  length: z.number().int().positive().optional(),
  precision: z.number().int().optional(),
  scale: z.number().int().optional(),
  picklistValues: z.array(z.string()).optional(),
  restrictedPicklist: z.boolean().optional(),
  /** For reference fields: the objects this field points at. */
  referenceTo: z.array(z.string()).optional(),
});
export type FieldDescriptor = z.infer<typeof fieldDescriptorSchema>;

export const objectDescriptorSchema = z.object({
  name: z.string().min(1),
  label: z.string().optional(),
  /** The field that identifies a record in this system (a single-column key). */
  primaryKey: z.string().min(1),
  /** The source's own last-modified field, used by incremental reads and timestamp conflicts. */
  updatedAtField: z.string().optional(),
  /** A monotonically increasing version column, for the version-number conflict policy. */
  versionField: z.string().optional(),
  fields: z.array(fieldDescriptorSchema),
});
export type ObjectDescriptor = z.infer<typeof objectDescriptorSchema>;

/** A record as read from or written to a system: field name to JSON-compatible value. */
export type RecordValues = Record<string, unknown>;
