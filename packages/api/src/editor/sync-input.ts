import {
  conflictPolicySchema,
  objectPairSchema,
  syncDefinitionSchema,
  syncModeSchema,
} from "@duplex/core";
import { z } from "zod";

const triggerTypeSchema = z.enum([
  "trigger.poll",
  "trigger.change-stream",
  "trigger.schedule",
  "trigger.webhook",
]);

/** What the create-sync wizard sends: the sync definition's parts, reusing core's schemas. */
export const createSyncInputSchema = z.object({
  name: syncDefinitionSchema.shape.name,
  connectionAId: z.uuid(),
  connectionBId: z.uuid(),
  mode: syncModeSchema,
  conflictPolicy: conflictPolicySchema,
  objects: z.array(objectPairSchema).min(1),
  trigger: triggerTypeSchema.default("trigger.poll"),
});
export type CreateSyncInput = z.input<typeof createSyncInputSchema>;

export const syncIdInputSchema = z.object({ syncId: z.uuid() });
export const flowIdInputSchema = z.object({ flowId: z.uuid() });
