import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiTestEnv, createApiTestEnv, outcome } from "../testing/api-test-env";
import { hostileValue, prng } from "../testing/fuzz-inputs";
import { callProcedure, listProcedures } from "../testing/procedures";

const SEED = Number(process.env.DUPLEX_FUZZ_SEED ?? 20_250_611);
const CASES_PER_PROCEDURE = Number(process.env.DUPLEX_FUZZ_CASES ?? 30);
// Clean refusals (and success, for inputs that happen to be valid). Never INTERNAL_SERVER_ERROR.
const CLEAN = [
  "OK",
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "TOO_MANY_REQUESTS",
  "PRECONDITION_FAILED",
];

describe(`fuzz: hostile inputs to every procedure (seed ${SEED})`, () => {
  let env: ApiTestEnv;
  beforeAll(async () => {
    env = await createApiTestEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it.each(listProcedures().map((p, index) => [p.path, index] as const))(
    "%s answers every hostile input cleanly",
    async (path, index) => {
      const random = prng(SEED + index * 7919);
      const failures: string[] = [];
      for (let n = 0; n < CASES_PER_PROCEDURE; n += 1) {
        const input = hostileValue(random);
        // Mostly as admin (past the access check, so validation is what is exercised).
        const who = n % 5 === 4 ? "anonymous" : "admin";
        const caller = await env.callerAs(who);
        const code = await outcome(() => callProcedure(caller, path, input));
        if (!CLEAN.includes(code)) failures.push(`case ${n} as ${who}: ${code}`);
      }
      expect(failures, `reproduce with DUPLEX_FUZZ_SEED=${SEED}`).toEqual([]);
    },
  );
});
