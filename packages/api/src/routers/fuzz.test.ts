import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrpcFetchHandler } from "../http/trpc-handler";
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

describe(`fuzz over HTTP: raw hostile bodies and query strings (seed ${SEED})`, () => {
  let env: ApiTestEnv;
  beforeAll(async () => {
    env = await createApiTestEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  // Whatever a client could put on the wire: never throws, even for values JSON cannot encode.
  function rawBody(random: () => number): string {
    const kind = Math.floor(random() * 4);
    if (kind === 0) {
      return Array.from({ length: Math.floor(random() * 200) }, () =>
        String.fromCharCode(Math.floor(random() * 0xffff)),
      ).join("");
    }
    if (kind === 1) return "[".repeat(Math.floor(random() * 5000));
    try {
      const value = hostileValue(random);
      return kind === 2
        ? `{"json":${JSON.stringify(String(value))}`
        : (JSON.stringify(value) ?? "null");
    } catch {
      return '{"unencodable":';
    }
  }

  it.each(listProcedures().map((p, index) => [p.path, p.type, index] as const))(
    "%s (%s) never answers 5xx",
    async (path, type, index) => {
      const random = prng(SEED + 1_000_003 + index);
      const handler = createTrpcFetchHandler({
        db: env.handle.db,
        keyRing: env.ring,
        endpoint: "/api/trpc",
      });
      const session = await env.sessionFor(env.users.admin);
      const cookie = `duplex_session=${session}; duplex_csrf=fuzz-csrf-token-0123456789`;
      const statuses: number[] = [];
      for (let n = 0; n < 10; n += 1) {
        const body = rawBody(random);
        const request =
          type === "query"
            ? new Request(
                `http://duplex.test/api/trpc/${path}?${new URLSearchParams({ input: body })}`,
                {
                  headers: { cookie },
                },
              )
            : new Request(`http://duplex.test/api/trpc/${path}`, {
                method: "POST",
                headers: {
                  cookie,
                  "x-duplex-csrf": "fuzz-csrf-token-0123456789",
                  "content-type": "application/json",
                },
                body,
              });
        const response = await handler(request);
        await response.text();
        statuses.push(response.status);
      }
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
    },
  );
});
