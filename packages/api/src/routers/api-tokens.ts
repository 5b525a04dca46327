import { createApiToken, listApiTokens, revokeApiToken, syncs } from "@duplex/db";
import { TRPCError } from "@trpc/server";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { requireRole, router } from "../trpc";
import { idSchema, roleSchema, text } from "../validation";

const createTokenSchema = z
  .object({
    name: text(200),
    /** The syncs this token may invoke; nothing else is ever allowed to a token. */
    syncIds: z.array(idSchema).max(100),
    /**
     * Makes an automation token: it acts as its creator with at most this role (for CI that applies
     * definitions). Without it the token may only invoke the syncs in `syncIds`.
     */
    role: roleSchema.optional(),
  })
  .refine((input) => input.role !== undefined || input.syncIds.length > 0, {
    message: "Name at least one sync.",
    path: ["syncIds"],
  });

const admin = requireRole("admin");

export const apiTokensRouter = router({
  list: admin.query(({ ctx }) => listApiTokens(ctx.db)),

  /** The token is in this response only; Duplex keeps its hash. */
  create: admin.input(createTokenSchema).mutation(async ({ ctx, input }) => {
    const syncIds = [...new Set(input.syncIds)];
    const found = await ctx.db
      .select({ id: syncs.id })
      .from(syncs)
      .where(inArray(syncs.id, syncIds));
    const missing = syncIds.filter((id) => !found.some((row) => row.id === id));
    if (missing.length > 0) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `No sync with id ${missing.join(", ")}.`,
      });
    }
    const created = await createApiToken(ctx.db, {
      name: input.name,
      syncIds,
      createdBy: ctx.session.user.id,
      role: input.role,
    });
    await ctx.audit({
      action: "api-token.create",
      entityType: "api-token",
      entityId: created.summary.id,
      details: { name: created.summary.name, syncIds, role: input.role ?? null },
    });
    return { token: created.token, ...created.summary };
  }),

  revoke: admin.input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const revoked = await revokeApiToken(ctx.db, input.id, ctx.now());
    if (!revoked) throw new TRPCError({ code: "NOT_FOUND", message: "No such active API token." });
    await ctx.audit({ action: "api-token.revoke", entityType: "api-token", entityId: input.id });
    return { revoked: true };
  }),
});
