import { z } from "zod";
import { editorCall, editorDeps } from "../editor/router-support";
import { createSyncInputSchema } from "../editor/sync-input";
import { instantiateTemplate, listTemplates } from "../templates/template-service";
import { requireRole, router } from "../trpc";
import { idSchema, text } from "../validation";

const instantiateInput = z.object({
  slug: text(200),
  name: createSyncInputSchema.shape.name.pipe(text(200)),
  connectionAId: idSchema,
  connectionBId: idSchema,
});

/** The template gallery: built-in (and stored) sync templates, and new syncs made from them. */
export const templatesRouter = router({
  list: requireRole("viewer").query(({ ctx }) => listTemplates(ctx.db)),

  instantiate: requireRole("builder")
    .input(instantiateInput)
    .mutation(async ({ ctx, input }) => {
      const created = await editorCall(() =>
        instantiateTemplate(editorDeps(ctx), input, ctx.session.user.id),
      );
      await ctx.audit({
        action: "sync.create",
        entityType: "sync",
        entityId: created.syncId,
        details: { name: input.name, template: input.slug },
      });
      return created;
    }),
});
