import { addAllowedHost, listAllowedHosts, removeAllowedHost } from "@duplex/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { requireRole, router } from "../trpc";
import { idSchema, text } from "../validation";

/**
 * Patterns are stored exactly as typed (see connections/allowed-hosts.ts for how they match).
 * A bare "*" is refused: it would turn the allow-list into an allow-all that looks restrictive.
 */
const patternSchema = text(253).refine((p) => p.trim() !== "*" && p.trim() !== "*.", {
  message: 'A pattern must name a host or a domain ("*" alone would allow everything).',
});

const admin = requireRole("admin");

export const allowListRouter = router({
  /** Builders see the list so the editor can explain why a host is refused. */
  list: requireRole("viewer").query(({ ctx }) => listAllowedHosts(ctx.db)),

  add: admin
    .input(z.object({ pattern: patternSchema, note: text(500, 0).default("") }))
    .mutation(async ({ ctx, input }) => {
      const row = await addAllowedHost(ctx.db, { ...input, createdBy: ctx.session.user.id });
      if (!row)
        throw new TRPCError({
          code: "CONFLICT",
          message: "That pattern is already on the allow-list.",
        });
      await ctx.audit({
        action: "allow-list.add",
        entityType: "allowed-host",
        entityId: row.id,
        details: { pattern: row.pattern, note: row.note },
      });
      return row;
    }),

  remove: admin.input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const row = await removeAllowedHost(ctx.db, input.id);
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such allow-list entry." });
    await ctx.audit({
      action: "allow-list.remove",
      entityType: "allowed-host",
      entityId: row.id,
      details: { pattern: row.pattern },
    });
    return { removed: true };
  }),
});
