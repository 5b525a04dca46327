import type { FieldDescriptor, FieldType, ObjectDescriptor } from "@duplex/core";
import { z } from "zod";

/** The parts of a describeSObject field Duplex relies on (zod-parsed; extra keys are ignored). */
export const sfFieldSchema = z.object({
  name: z.string(),
  label: z.string().optional(),
  type: z.string(),
  nillable: z.boolean(),
  createable: z.boolean(),
  updateable: z.boolean(),
  defaultedOnCreate: z.boolean().default(false),
  unique: z.boolean().default(false),
  externalId: z.boolean().default(false),
  length: z.number().int().default(0),
  precision: z.number().int().default(0),
  scale: z.number().int().default(0),
  digits: z.number().int().default(0),
  picklistValues: z
    .array(z.object({ value: z.string(), active: z.boolean().default(true) }))
    .nullish()
    .transform((v) => v ?? []),
  restrictedPicklist: z.boolean().default(false),
  referenceTo: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  relationshipName: z.string().nullish(),
  calculated: z.boolean().default(false),
});
export type SfField = z.infer<typeof sfFieldSchema>;

export const sfDescribeSchema = z.object({
  name: z.string(),
  label: z.string().optional(),
  keyPrefix: z.string().nullish(),
  fields: z.array(sfFieldSchema),
});
export type SfDescribe = z.infer<typeof sfDescribeSchema>;

/** Salesforce field types onto Duplex's vocabulary; anything not listed becomes `string`. */
const BY_TYPE: Record<string, FieldType> = {
  id: "id",
  string: "string",
  encryptedstring: "string",
  email: "string",
  phone: "string",
  url: "string",
  time: "string",
  anyType: "string",
  textarea: "text",
  picklist: "picklist",
  multipicklist: "picklist",
  combobox: "picklist",
  boolean: "boolean",
  int: "integer",
  long: "integer",
  double: "number",
  percent: "number",
  currency: "decimal",
  date: "date",
  datetime: "datetime",
  reference: "reference",
  base64: "binary",
  address: "json",
  location: "json",
  complexvalue: "json",
};

export function mapFieldType(sfType: string): FieldType {
  return BY_TYPE[sfType] ?? "string";
}

export function toFieldDescriptor(field: SfField): FieldDescriptor {
  const type = mapFieldType(field.type);
  const picklist = type === "picklist";
  const numeric = type === "integer" || type === "number" || type === "decimal";
  const precision = field.type === "int" ? field.digits : field.precision;
  return {
    name: field.name,
    ...(field.label !== undefined ? { label: field.label } : {}),
    type,
    nativeType: field.type,
    nullable: field.nillable,
    // Salesforce's own definition: the API rejects a create without it.
    required: field.createable && !field.nillable && !field.defaultedOnCreate,
    unique: field.unique || field.type === "id",
    externalId: field.externalId,
    createable: field.createable,
    updateable: field.updateable,
    ...(field.length > 0 ? { length: field.length } : {}),
    ...(numeric && precision > 0 ? { precision, scale: field.scale } : {}),
    ...(picklist
      ? {
          picklistValues: field.picklistValues.filter((p) => p.active).map((p) => p.value),
          // A combobox accepts any text; its values are only suggestions.
          restrictedPicklist: field.type !== "combobox" && field.restrictedPicklist,
        }
      : {}),
    ...(type === "reference" ? { referenceTo: field.referenceTo } : {}),
  };
}

export function toObjectDescriptor(describe: SfDescribe): ObjectDescriptor {
  const fields = describe.fields.map(toFieldDescriptor);
  const has = (name: string) => fields.some((f) => f.name === name);
  return {
    name: describe.name,
    ...(describe.label !== undefined ? { label: describe.label } : {}),
    primaryKey: "Id",
    // SystemModstamp also moves on system changes (a cleared lookup), LastModifiedDate does not.
    ...(has("SystemModstamp") ? { updatedAtField: "SystemModstamp" } : {}),
    fields,
  };
}
