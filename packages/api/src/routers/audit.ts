import { listAuditEntries } from "@duplex/db";
import { z } from "zod";
import { requireRole, router } from "../trpc";
import { idSchema, text } from "../validation";

const auditQuerySchema = z.object({
  /** `nextCursor` of the previous page. */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  action: text(100).optional(),
  entityType: text(100).optional(),
  entityId: text(200).optional(),
  actorUserId: idSchema.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

/** Read-only on purpose: there is no procedure that edits or deletes audit entries. */
export const auditRouter = router({
  list: requireRole("admin")
    .input(auditQuerySchema.default({ limit: 50 }))
    .query(({ ctx, input }) => listAuditEntries(ctx.db, input)),
});
