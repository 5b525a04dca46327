import {
  countOtherActiveAdmins,
  createAccount,
  findAccount,
  generateOneTimePassword,
  listAccounts,
  revokeUserSessions,
  setAccountDisabled,
  setAccountPassword,
  setAccountRole,
} from "@duplex/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Context } from "../context";
import { requireRole, router } from "../trpc";
import {
  emailSchema,
  idSchema,
  newPasswordSchema,
  roleSchema,
  usernameSchema,
} from "../validation";

const createUserSchema = z.object({
  username: usernameSchema,
  email: emailSchema.optional(),
  /** Omit to have Duplex generate a one-time password (returned once). */
  password: newPasswordSchema.optional(),
  role: roleSchema,
});

async function requireAccount(ctx: Context, id: string) {
  const account = await findAccount(ctx.db, id);
  if (!account) throw new TRPCError({ code: "NOT_FOUND", message: "No such user." });
  return account;
}

/** Demoting or disabling the last active admin would leave nobody able to administer Duplex. */
async function assertNotLastAdmin(ctx: Context, id: string, role: string): Promise<void> {
  if (role === "admin" && (await countOtherActiveAdmins(ctx.db, id)) === 0) {
    throw new TRPCError({
      code: "CONFLICT",
      message: "This is the last active admin; make someone else admin first.",
    });
  }
}

const admin = requireRole("admin");

export const usersRouter = router({
  list: admin.query(({ ctx }) => listAccounts(ctx.db)),

  create: admin.input(createUserSchema).mutation(async ({ ctx, input }) => {
    const password = input.password ?? generateOneTimePassword();
    const created = await createAccount(ctx.db, {
      username: input.username,
      email: input.email ?? null,
      password,
      role: input.role,
    });
    if (!created.ok)
      throw new TRPCError({
        code: "CONFLICT",
        message: "That username or email is already taken.",
      });
    await ctx.audit({
      action: "user.create",
      entityType: "user",
      entityId: created.account.id,
      details: { username: created.account.username, role: created.account.role },
    });
    // The admin passes it on; the user must change it at first sign-in.
    return { user: created.account, oneTimePassword: input.password ? null : password };
  }),

  setRole: admin
    .input(z.object({ userId: idSchema, role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const account = await requireAccount(ctx, input.userId);
      if (input.role !== "admin") await assertNotLastAdmin(ctx, account.id, account.role);
      await setAccountRole(ctx.db, account.id, input.role);
      await ctx.audit({
        action: "user.set-role",
        entityType: "user",
        entityId: account.id,
        details: { username: account.username, from: account.role, to: input.role },
      });
      return { ...account, role: input.role };
    }),

  /** Disabling signs the user out everywhere and silences their API tokens. */
  setDisabled: admin
    .input(z.object({ userId: idSchema, disabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const account = await requireAccount(ctx, input.userId);
      if (input.disabled) {
        if (account.id === ctx.session.user.id) {
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: "You cannot disable your own account.",
          });
        }
        await assertNotLastAdmin(ctx, account.id, account.role);
      }
      await setAccountDisabled(ctx.db, account.id, input.disabled, ctx.now());
      await ctx.audit({
        action: input.disabled ? "user.disable" : "user.enable",
        entityType: "user",
        entityId: account.id,
        details: { username: account.username },
      });
      return { ...account, disabledAt: input.disabled ? ctx.now() : null };
    }),

  /** Seed 003: only administrators reset passwords. Returns a one-time password, shown once. */
  resetPassword: admin.input(z.object({ userId: idSchema })).mutation(async ({ ctx, input }) => {
    const account = await requireAccount(ctx, input.userId);
    const oneTimePassword = generateOneTimePassword();
    await setAccountPassword(ctx.db, {
      id: account.id,
      password: oneTimePassword,
      mustChange: true,
      now: ctx.now(),
    });
    await ctx.audit({
      action: "user.reset-password",
      entityType: "user",
      entityId: account.id,
      details: { username: account.username },
    });
    return { oneTimePassword };
  }),

  revokeSessions: admin.input(z.object({ userId: idSchema })).mutation(async ({ ctx, input }) => {
    const account = await requireAccount(ctx, input.userId);
    const revoked = await revokeUserSessions(ctx.db, account.id, ctx.now());
    await ctx.audit({
      action: "user.revoke-sessions",
      entityType: "user",
      entityId: account.id,
      details: { username: account.username, revoked },
    });
    return { revoked };
  }),
});
