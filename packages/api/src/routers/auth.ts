import {
  createSession,
  currentPasswordHash,
  findAccountForSignIn,
  hashPassword,
  pruneSignInAttempts,
  recordSignInAttempt,
  revokeSessionByHash,
  setAccountPassword,
  signInLockout,
  verifyPassword,
} from "@duplex/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { denied } from "../access/errors";
import type { Context } from "../context";
import { authedProcedure, publicProcedure, router } from "../trpc";
import { newPasswordSchema, text } from "../validation";

const signInSchema = z.object({
  /** Username or email. */
  identifier: text(320),
  password: z.string().min(1, "Required.").max(1024),
});

const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Required.").max(1024),
  newPassword: newPasswordSchema,
});

// Verifying against a real hash when the user does not exist keeps the response time the same,
// so timing does not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword("decoy-password-that-never-matches");
  return decoyHash;
}

async function assertNotLocked(ctx: Context, identifier: string): Promise<void> {
  const lockedMs = await signInLockout(
    ctx.db,
    { identifier, ip: ctx.ip },
    ctx.policy.signIn,
    ctx.now(),
  );
  if (lockedMs === null) return;
  const minutes = Math.max(1, Math.ceil(lockedMs / 60_000));
  throw denied(
    "TOO_MANY_REQUESTS",
    "RATE_LIMITED",
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  );
}

const signInFailed = "Wrong username/email or password.";

/** Procedures a user with a pending one-time password may still call. */
const pendingOk = authedProcedure.meta({ role: "viewer", allowPendingPasswordChange: true });

export const authRouter = router({
  signIn: publicProcedure.input(signInSchema).mutation(async ({ ctx, input }) => {
    const identifier = input.identifier.trim().toLowerCase();
    const now = ctx.now();
    await assertNotLocked(ctx, identifier);
    const account = await findAccountForSignIn(ctx.db, identifier);
    const ok = await verifyPassword(account?.passwordHash ?? (await decoy()), input.password);
    // A disabled account fails exactly like a wrong password: no hint that it exists.
    const succeeded = ok && account !== null && account.disabledAt === null;
    await recordSignInAttempt(ctx.db, { identifier, ip: ctx.ip, succeeded }, now);
    if (!succeeded || !account) {
      await ctx.audit({
        action: "auth.sign-in-failed",
        entityType: "user",
        entityId: account?.id ?? null,
        details: { identifier },
      });
      throw new TRPCError({ code: "UNAUTHORIZED", message: signInFailed });
    }
    // Attempts a day old count toward no lock any more.
    await pruneSignInAttempts(ctx.db, new Date(now.getTime() - 24 * 3_600_000));
    const session = await createSession(ctx.db, {
      userId: account.id,
      userAgent: ctx.userAgent,
      policy: ctx.policy.session,
      now,
    });
    ctx.cookies.setSession(session.token, session.expiresAt);
    await ctx.audit({
      action: "auth.sign-in",
      entityType: "user",
      entityId: account.id,
      details: { username: account.username },
    });
    return {
      user: {
        id: account.id,
        username: account.username,
        email: account.email,
        role: account.role,
      },
      mustChangePassword: account.mustChangePassword,
    };
  }),

  me: pendingOk.query(({ ctx }) => ({
    user: ctx.session.user,
    mustChangePassword: ctx.session.user.mustChangePassword,
    expiresAt: ctx.session.expiresAt,
  })),

  signOut: pendingOk.mutation(async ({ ctx }) => {
    await revokeSessionByHash(ctx.db, ctx.session.tokenHash, ctx.now());
    ctx.cookies.clearSession();
    await ctx.audit({ action: "auth.sign-out", entityType: "user", entityId: ctx.session.user.id });
    return { signedOut: true };
  }),

  /** Also the forced first-sign-in change; other sessions of the user are revoked. */
  changePassword: pendingOk.input(changePasswordSchema).mutation(async ({ ctx, input }) => {
    const user = ctx.session.user;
    // Guessing the current password through a stolen session counts against the same limit.
    await assertNotLocked(ctx, user.username);
    const hash = await currentPasswordHash(ctx.db, user.id);
    if (!hash || !(await verifyPassword(hash, input.currentPassword))) {
      await recordSignInAttempt(
        ctx.db,
        { identifier: user.username, ip: ctx.ip, succeeded: false },
        ctx.now(),
      );
      throw new TRPCError({ code: "BAD_REQUEST", message: "The current password is wrong." });
    }
    if (input.newPassword === input.currentPassword) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: "Choose a password different from the current one.",
      });
    }
    await setAccountPassword(ctx.db, {
      id: user.id,
      password: input.newPassword,
      mustChange: false,
      now: ctx.now(),
      keepTokenHash: ctx.session.tokenHash,
    });
    await ctx.audit({
      action: "auth.change-password",
      entityType: "user",
      entityId: user.id,
      details: { username: user.username },
    });
    return { changed: true };
  }),
});
