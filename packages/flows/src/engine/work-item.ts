import { recordOutcomeSchema } from "@duplex/core";
import { z } from "zod";

const values = z.record(z.string(), z.unknown());

export const changeSchema = z.object({
  op: z.enum(["upsert", "delete"]),
  object: z.string(),
  key: z.string(),
  record: values.nullable(),
  sourceUpdatedAt: z.string().nullable(),
  cursor: z.string(),
  overlap: z.boolean().optional(),
});
export type Change = z.infer<typeof changeSchema>;

export const linkStateSchema = z.object({
  id: z.number(),
  idA: z.string().nullable(),
  idB: z.string().nullable(),
  fingerprintAToB: z.string().nullable(),
  fingerprintBToA: z.string().nullable(),
  sourceUpdatedAtA: z.string().nullable(),
  sourceUpdatedAtB: z.string().nullable(),
  deleted: z.boolean(),
});
export type LinkState = z.infer<typeof linkStateSchema>;

export const itemErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.string()).optional(),
});

export const itemResultSchema = z.object({
  outcome: recordOutcomeSchema,
  nodeId: z.string(),
  targetKey: z.string().nullable(),
  error: itemErrorSchema.optional(),
  reason: z.string().optional(),
});
export type ItemResult = z.infer<typeof itemResultSchema>;

export const writeBackSchema = z.object({
  keyField: z.string(),
  key: z.string(),
  field: z.string(),
  value: z.string().nullable(),
});

/**
 * One record on its way through a run. It is what the claim-check batches hold between steps, so
 * everything a later step (or a replay from that step) needs is in here.
 */
export const workItemSchema = z.object({
  change: changeSchema,
  mapped: values.optional(),
  /** How the target record is matched (null: insert without a key). */
  match: z.object({ field: z.string(), value: z.string() }).nullable().optional(),
  operation: z.enum(["insert", "update", "upsert", "delete"]).optional(),
  setFields: values.optional(),
  writeBack: writeBackSchema.nullable().optional(),
  link: linkStateSchema.nullable().optional(),
  target: z.object({ key: z.string().nullable(), current: values.nullable() }).optional(),
  fingerprint: z.string().optional(),
  /** Set by the upsert/delete step once the target was written. */
  written: z.object({ targetKey: z.string(), created: z.boolean() }).optional(),
  result: itemResultSchema.optional(),
});
export type WorkItem = z.infer<typeof workItemSchema>;

export function parseWorkItems(records: unknown[]): WorkItem[] {
  return z.array(workItemSchema).parse(records);
}

export function finish(item: WorkItem, result: ItemResult): WorkItem {
  return { ...item, result };
}
