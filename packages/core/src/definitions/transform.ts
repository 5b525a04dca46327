import { z } from "zod";
import { fieldNameSchema, jsonPrimitiveSchema } from "./common";
import { objectKeySchema } from "./sync-definition";

export const castTargetSchema = z.enum([
  "string",
  "number",
  "integer",
  "boolean",
  "date",
  "datetime",
]);
export type CastTarget = z.infer<typeof castTargetSchema>;

const localeHelp =
  "BCP 47 locale of the incoming text (de-DE reads '1.234,56'); defaults to en-US.";

export const castTransformSchema = z.object({
  type: z.literal("cast"),
  to: castTargetSchema.describe("Type to convert the value to."),
  locale: z.string().min(2).optional().describe(localeHelp),
});

export const replaceTransformSchema = z.object({
  type: z.literal("replace"),
  values: z
    .record(z.string(), jsonPrimitiveSchema)
    .describe(
      'Value map, e.g. picklist values: { "Mrs": "Mrs." }. Keys match the text of the value.',
    ),
  caseInsensitive: z.boolean().default(false).describe("Match keys regardless of case."),
  unmatched: z
    .enum(["keep", "default", "fail"])
    .default("keep")
    .describe("What an unmapped value becomes: itself, the default, or a record failure."),
  default: jsonPrimitiveSchema
    .optional()
    .describe("Used for unmapped values when unmatched = default."),
});

export const calcTransformSchema = z.object({
  type: z.literal("calc"),
  expression: z
    .string()
    .min(1)
    .describe("JSONata over the whole source record; $value is the current value of the chain."),
});

export const splitTransformSchema = z.object({
  type: z.literal("split"),
  separator: z.string().min(1).describe("Text to split on."),
  index: z
    .number()
    .int()
    .optional()
    .describe("Part to keep (0 = first, -1 = last); leave empty to keep the whole array."),
  trim: z.boolean().default(true).describe("Trim whitespace around each part."),
});

export const joinTransformSchema = z.object({
  type: z.literal("join"),
  separator: z.string().default(" ").describe("Text placed between the parts."),
  fields: z
    .array(fieldNameSchema)
    .optional()
    .describe(
      "Source fields to join (e.g. FirstName, LastName); empty joins the current array value.",
    ),
  skipEmpty: z.boolean().default(true).describe("Leave out null and empty parts."),
});

export const caseTransformSchema = z.object({
  type: z.literal("case"),
  to: z.enum(["upper", "lower", "title"]).describe("Letter case to convert to."),
});

export const trimTransformSchema = z.object({
  type: z.literal("trim"),
  collapseWhitespace: z
    .boolean()
    .default(false)
    .describe("Also turn inner runs of whitespace into one space."),
});

export const defaultTransformSchema = z.object({
  type: z.literal("default"),
  value: jsonPrimitiveSchema.describe("Value used when the input is missing."),
  when: z
    .enum(["null", "empty"])
    .default("empty")
    .describe("'null': only null/missing; 'empty': also empty or blank text."),
});

export const dateFormatTransformSchema = z.object({
  type: z.literal("date-format"),
  pattern: z
    .string()
    .min(1)
    .describe(
      "Output pattern in UTC, e.g. yyyy-MM-dd, dd.MM.yyyy HH:mm, MMM d, yyyy. Quote literals: 'T'.",
    ),
});

export const escapeTransformSchema = z.object({
  type: z.literal("escape"),
  format: z.enum(["html", "csv", "json"]).describe("Escape the text for this format."),
});

export const encodeTransformSchema = z.object({
  type: z.literal("encode"),
  format: z
    .enum(["base64", "base64-decode", "url", "url-decode"])
    .describe("Encoding to apply (UTF-8) or to reverse."),
});

export const referenceTransformSchema = z.object({
  type: z.literal("reference"),
  object: objectKeySchema.describe(
    "Object pair of the referenced parent; its link table resolves the key.",
  ),
});

export const transformSchema = z.discriminatedUnion("type", [
  castTransformSchema,
  replaceTransformSchema,
  calcTransformSchema,
  splitTransformSchema,
  joinTransformSchema,
  caseTransformSchema,
  trimTransformSchema,
  defaultTransformSchema,
  dateFormatTransformSchema,
  escapeTransformSchema,
  encodeTransformSchema,
  referenceTransformSchema,
]);
export type Transform = z.infer<typeof transformSchema>;
export type TransformType = Transform["type"];
export type TransformOf<T extends TransformType> = Extract<Transform, { type: T }>;

export const mappingSchema = z
  .object({
    target: fieldNameSchema.describe("Field written on the target."),
    source: z
      .string()
      .min(1)
      .optional()
      .describe("Source field (a dotted path reaches into nested objects)."),
    expression: z
      .string()
      .min(1)
      .optional()
      .describe("JSONata over the source record, instead of a source field."),
    transforms: z.array(transformSchema).default([]).describe("Applied in order to the value."),
  })
  .refine((m) => !(m.source && m.expression), {
    message: "Use either a source field or an expression, not both",
    path: ["expression"],
  });
export type Mapping = z.infer<typeof mappingSchema>;
