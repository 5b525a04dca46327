import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Role, roleSatisfies, roles } from "../access/roles";
import { type ApiTestEnv, createApiTestEnv, outcome } from "../testing/api-test-env";
import { callProcedure, listProcedures } from "../testing/procedures";

const procedures = listProcedures();
const DENIED = ["UNAUTHORIZED", "FORBIDDEN"];

describe("every procedure declares its access", () => {
  it.each(procedures.map((p) => [p.path, p] as const))("%s has meta.role", (_path, procedure) => {
    expect(procedure.meta?.role, `${procedure.path} must declare meta({ role })`).toMatch(
      /^(public|admin|builder|operator|viewer)$/,
    );
  });

  it("only sign-in is public and only run-now is token-invocable", () => {
    expect(procedures.filter((p) => p.meta?.role === "public").map((p) => p.path)).toEqual([
      "auth.signIn",
    ]);
    expect(procedures.filter((p) => p.meta?.tokenInvocable).map((p) => p.path)).toEqual([
      "syncOps.runNow",
    ]);
  });
});

describe("role × procedure access matrix (generated from the router)", () => {
  let env: ApiTestEnv;
  beforeAll(async () => {
    env = await createApiTestEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  // Input `{}` is invalid for most procedures: an allowed caller then gets BAD_REQUEST (validation
  // runs after the access check), a refused one UNAUTHORIZED/FORBIDDEN. Either way no side effects.
  const cases = procedures.flatMap((procedure) =>
    (["anonymous", ...roles] as const).map((who) => {
      const required = procedure.meta?.role ?? "admin";
      const allowed =
        required === "public" || (who !== "anonymous" && roleSatisfies(who, required));
      return [procedure.path, who, allowed ? "allowed" : "denied"] as const;
    }),
  );

  it.each(cases)("%s as %s: %s", async (path, who, expected) => {
    const caller = await env.callerAs(who as Role | "anonymous");
    const code = await outcome(() => callProcedure(caller, path, {}));
    if (expected === "allowed") expect(DENIED).not.toContain(code);
    else expect(code).toBe(who === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN");
  });

  it.each(procedures.map((p) => [p.path, p] as const))(
    "%s with a pending one-time password: allowed only if it says so",
    async (path, procedure) => {
      const pending = await env.createUser({
        username: `pending-${path.replace(/\W/g, "-").toLowerCase()}`,
        role: "admin",
        mustChangePassword: true,
      });
      const code = await outcome(async () => callProcedure(await env.callerAs(pending), path, {}));
      const allowed =
        procedure.meta?.role === "public" || procedure.meta?.allowPendingPasswordChange === true;
      if (allowed) expect(DENIED).not.toContain(code);
      else expect(code).toBe("FORBIDDEN");
    },
  );

  it.each(procedures.map((p) => [p.path, p] as const))(
    "%s with an API token: allowed only if token-invocable",
    async (path, procedure) => {
      const token = await env.tokenFor(env.users.admin, []);
      const code = await outcome(async () =>
        callProcedure(await env.callerWithToken(token), path, {}),
      );
      if (procedure.meta?.role === "public" || procedure.meta?.tokenInvocable)
        expect(DENIED).not.toContain(code);
      else expect(code).toBe("FORBIDDEN");
    },
  );
});
