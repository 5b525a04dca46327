import { connectorTypes, createConnector } from "@duplex/connectors";
import {
  deleteConnectionRow,
  findConnectionRow,
  insertConnectionRow,
  listConnectionRows,
  updateConnectionRow,
} from "@duplex/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  assertHostAllowed,
  connectionView,
  prepareConnection,
  redactSecrets,
  unsealedConfig,
} from "../connections/connection-service";
import { openEntries } from "../connections/sealed-config";
import { isForeignKeyViolation, isUniqueViolation } from "../db-errors";
import { requireRole, router } from "../trpc";
import { idSchema, jsonSafetyProblem, text } from "../validation";

const connectorTypeSchema = z
  .string()
  .max(100)
  .refine((type) => Object.hasOwn(connectorTypes, type), {
    message: `Must be one of: ${Object.keys(connectorTypes).join(", ")}.`,
  });

/** Settings arrive as free JSON; the connector type's own schema validates them in the service. */
const configSchema = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const problem = jsonSafetyProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: `Settings ${problem}.` });
});

const connectionInputSchema = z.object({
  name: text(200),
  type: connectorTypeSchema,
  config: configSchema,
});

const connectionUpdateSchema = z.object({
  id: idSchema,
  name: text(200).optional(),
  /** Full settings; secret fields that are omitted or "" keep their stored value. */
  config: configSchema,
  /** Secret labels (as in `secrets`) to remove instead of keeping. */
  clearSecrets: z.array(text(200)).max(50).optional(),
});

function nameTaken(name: string): TRPCError {
  return new TRPCError({
    code: "CONFLICT",
    message: `A connection named "${name}" already exists.`,
  });
}

async function requireRow(db: Parameters<typeof findConnectionRow>[0], id: string) {
  const row = await findConnectionRow(db, id);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such connection." });
  return row;
}

export const connectionsRouter = router({
  /** Builders pick connections in the editor, so every role may read them (never their secrets). */
  list: requireRole("viewer").query(async ({ ctx }) =>
    (await listConnectionRows(ctx.db)).map((row) => connectionView(ctx.keyRing, row)),
  ),

  get: requireRole("viewer")
    .input(z.object({ id: idSchema }))
    .query(async ({ ctx, input }) =>
      connectionView(ctx.keyRing, await requireRow(ctx.db, input.id)),
    ),

  create: requireRole("admin")
    .input(connectionInputSchema)
    .mutation(async ({ ctx, input }) => {
      const prepared = prepareConnection({
        ring: ctx.keyRing,
        type: input.type,
        submitted: input.config,
      });
      await assertHostAllowed(ctx.db, prepared.config);
      const row = await insertConnectionRow(ctx.db, {
        name: input.name,
        type: input.type,
        config: prepared.config,
        secretCiphertext: prepared.secretCiphertext,
        secretKeyVersion: prepared.secretKeyVersion,
        createdBy: ctx.session.user.id,
      });
      if (!row) throw nameTaken(input.name);
      await ctx.audit({
        action: "connection.create",
        entityType: "connection",
        entityId: row.id,
        details: {
          name: row.name,
          type: row.type,
          config: row.config,
          secretsSet: prepared.secretsChanged,
        },
      });
      return connectionView(ctx.keyRing, row);
    }),

  update: requireRole("admin")
    .input(connectionUpdateSchema)
    .mutation(async ({ ctx, input }) => {
      const existing = await requireRow(ctx.db, input.id);
      const prepared = prepareConnection({
        ring: ctx.keyRing,
        type: existing.type,
        submitted: input.config,
        previous: openEntries(ctx.keyRing, existing.secretCiphertext),
        clearSecrets: input.clearSecrets ?? [],
      });
      await assertHostAllowed(ctx.db, prepared.config);
      const name = input.name ?? existing.name;
      let row: Awaited<ReturnType<typeof updateConnectionRow>>;
      try {
        row = await updateConnectionRow(
          ctx.db,
          input.id,
          {
            name,
            type: existing.type,
            config: prepared.config,
            secretCiphertext: prepared.secretCiphertext,
            secretKeyVersion: prepared.secretKeyVersion,
          },
          ctx.now(),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(name);
        throw error;
      }
      if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such connection." });
      await ctx.audit({
        action: "connection.update",
        entityType: "connection",
        entityId: row.id,
        details: {
          name: row.name,
          config: row.config,
          secretsSet: prepared.secretsChanged,
          secretsCleared: input.clearSecrets ?? [],
        },
      });
      return connectionView(ctx.keyRing, row);
    }),

  delete: requireRole("admin")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const existing = await requireRow(ctx.db, input.id);
      try {
        await deleteConnectionRow(ctx.db, input.id);
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new TRPCError({
            code: "CONFLICT",
            message: `Connection "${existing.name}" is used by a sync; delete or change the sync first.`,
          });
        }
        throw error;
      }
      await ctx.audit({
        action: "connection.delete",
        entityType: "connection",
        entityId: existing.id,
        details: { name: existing.name, type: existing.type },
      });
      return { deleted: true };
    }),

  /** Opens the connector with the stored credentials and runs its cheap round trip. */
  test: requireRole("builder")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const row = await requireRow(ctx.db, input.id);
      const entries = openEntries(ctx.keyRing, row.secretCiphertext);
      const config = unsealedConfig(ctx.keyRing, row);
      await assertHostAllowed(ctx.db, config);
      let result: { ok: true } | { ok: false; message: string };
      try {
        const connector = createConnector(row.type, config);
        try {
          await connector.test();
          result = { ok: true };
        } finally {
          await connector.close().catch(() => {});
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        result = { ok: false, message: redactSecrets(message, entries) };
      }
      await ctx.audit({
        action: "connection.test",
        entityType: "connection",
        entityId: row.id,
        details: { name: row.name, ok: result.ok },
      });
      return result;
    }),
});
