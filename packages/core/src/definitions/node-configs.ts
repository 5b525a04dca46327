import { z } from "zod";
import { fieldNameSchema } from "./common";
import { objectKeySchema } from "./sync-definition";
import { mappingSchema } from "./transform";

// Node configs refer to objects by the sync's object pair key, not a system object name: the
// flow's direction says which side's object that is, and links, references and ordering are
// all keyed by pair.
const objectHelp = "Object pair key from the sync (the flow's direction picks the side).";

export const webhookTriggerConfigSchema = z.object({
  object: objectKeySchema.describe(objectHelp),
  hmacSecretRef: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Reference to a stored secret; when set, requests must carry a valid HMAC-SHA256 signature.",
    ),
  signatureHeader: z
    .string()
    .min(1)
    .default("x-duplex-signature")
    .describe("Header that carries the HMAC signature."),
  payloadSchema: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      "JSON Schema each record must satisfy (a batch is checked record by record); invalid payloads get 400.",
    ),
});

export const scheduleTriggerConfigSchema = z
  .object({
    object: objectKeySchema.describe(objectHelp),
    cron: z.string().min(1).optional().describe("Cron expression, e.g. '*/15 * * * *'."),
    intervalSeconds: z.number().int().min(10).optional().describe("Run every N seconds."),
    read: z
      .enum(["changes", "all"])
      .default("changes")
      .describe("'changes': since the watermark; 'all': the full object (reconciliation)."),
  })
  .refine((c) => (c.cron === undefined) !== (c.intervalSeconds === undefined), {
    message: "Set either cron or intervalSeconds",
    path: ["cron"],
  });

export const pollTriggerConfigSchema = z.object({
  object: objectKeySchema.describe(objectHelp),
  intervalSeconds: z.number().int().min(5).default(60).describe("Seconds between polls."),
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .default(30)
    .describe("Re-read this many seconds before the watermark so late commits are not missed."),
  batchSize: z.number().int().min(1).max(10_000).default(500).describe("Records per batch."),
});

export const changeStreamTriggerConfigSchema = z.object({
  object: objectKeySchema.describe(objectHelp),
  maxBatchSize: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(500)
    .describe("Largest batch handed on."),
  maxDelayMs: z
    .number()
    .int()
    .min(0)
    .default(1_000)
    .describe("Longest time a change waits before its batch is flushed."),
  fallbackPollIntervalSeconds: z
    .number()
    .int()
    .min(5)
    .default(60)
    .describe("Poll interval used when the source cannot stream."),
});

export const mapConfigSchema = z.object({
  mappings: z.array(mappingSchema).default([]).describe("Target fields and how to compute them."),
  passThroughKey: z
    .boolean()
    .default(true)
    .describe("Carry the source key along so lookup and write-back can use it."),
});

export const filterConfigSchema = z.object({
  condition: z
    .string()
    .min(1)
    .describe("JSONata condition over the record; must return true or false."),
});

export const lookupConfigSchema = z
  .object({
    object: objectKeySchema.describe(objectHelp),
    strategy: z
      .enum(["link", "external-id", "sor-key", "match-key"])
      .default("link")
      .describe(
        "How the target record is found: link table, external ID, SOR key, or matching fields.",
      ),
    matchFields: z
      .array(z.object({ source: fieldNameSchema, target: fieldNameSchema }))
      .default([])
      .describe("match-key only: source field to target field pairs, e.g. Email to email."),
    caseInsensitive: z
      .boolean()
      .default(true)
      .describe("match-key only: compare text ignoring case."),
  })
  .refine((c) => c.strategy !== "match-key" || c.matchFields.length > 0, {
    message: "match-key needs at least one field pair",
    path: ["matchFields"],
  });

export const compareConfigSchema = z.object({
  ignoreFields: z
    .array(fieldNameSchema)
    .default([])
    .describe("Mapped fields left out of the comparison (e.g. a last-synced stamp)."),
  caseInsensitive: z.boolean().default(false).describe("Treat 'ACME' and 'acme' as equal."),
  trimWhitespace: z.boolean().default(true).describe("Ignore leading and trailing whitespace."),
  collapseWhitespace: z.boolean().default(false).describe("Treat runs of whitespace as one space."),
  emptyStringIsNull: z.boolean().default(true).describe("Treat '' and null as equal."),
});

export const upsertConfigSchema = z.object({
  object: objectKeySchema.describe(objectHelp),
  operation: z.enum(["insert", "update", "upsert"]).default("upsert").describe("Write operation."),
  matchField: fieldNameSchema
    .optional()
    .describe("Field to match on; defaults to the field the sync's identity rules choose."),
  batchSize: z.number().int().min(1).max(10_000).default(200).describe("Records per write call."),
});

export const deleteConfigSchema = z
  .object({
    object: objectKeySchema.describe(objectHelp),
    behaviour: z
      .enum(["hard", "soft", "ignore"])
      .default("hard")
      .describe("hard: delete the target record; soft: set a field; ignore: do nothing."),
    softDeleteField: fieldNameSchema.optional().describe("soft only: the field marking deletion."),
    softDeleteValue: z
      .union([z.string(), z.number(), z.boolean()])
      .default(true)
      .describe("soft only: the value written to the field."),
  })
  .refine((c) => c.behaviour !== "soft" || c.softDeleteField !== undefined, {
    message: "Soft delete needs a field",
    path: ["softDeleteField"],
  });

export const writeBackConfigSchema = z.object({
  object: objectKeySchema.describe(objectHelp),
  field: fieldNameSchema
    .optional()
    .describe(
      "External-ID field on the source record that receives the SOR key; defaults to the sync's.",
    ),
});
