import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiTestEnv, createApiTestEnv } from "../testing/api-test-env";
import { createTrpcFetchHandler } from "./trpc-handler";

const CSRF = "csrf-token-0123456789abcdef";
const base = "http://duplex.test/api/trpc";

describe("tRPC fetch handler (cookies, CSRF, body limit, bearer tokens)", () => {
  let env: ApiTestEnv;
  let handle: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    env = await createApiTestEnv();
    handle = createTrpcFetchHandler({
      db: env.handle.db,
      keyRing: env.ring,
      endpoint: "/api/trpc",
      maxBodyBytes: 64 * 1024,
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
    return new Request(`${base}/${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: `duplex_csrf=${CSRF}`,
        "x-duplex-csrf": CSRF,
        ...headers,
      },
      body: JSON.stringify(body),
    });
  }

  async function signIn(): Promise<string> {
    const user = env.users.builder;
    const response = await handle(
      post("auth.signIn", { identifier: user.username, password: user.password }),
    );
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("duplex_session="));
    const token = /^duplex_session=([^;]+)/.exec(setCookie ?? "")?.[1];
    if (!token) throw new Error("no session cookie");
    return decodeURIComponent(token);
  }

  it("signs in with an HttpOnly, SameSite=Lax session cookie and no-store responses", async () => {
    const user = env.users.builder;
    const response = await handle(
      post("auth.signIn", { identifier: user.username, password: user.password }),
    );
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("duplex_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body: unknown = await response.json();
    expect(body).toMatchObject({
      result: { data: { user: { username: user.username, role: "builder" } } },
    });
  });

  it("uses Secure __Host- cookies over https", async () => {
    const user = env.users.viewer;
    const response = await handle(
      new Request("https://duplex.test/api/trpc/auth.signIn", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: `__Host-duplex_csrf=${CSRF}`,
          "x-duplex-csrf": CSRF,
        },
        body: JSON.stringify({ identifier: user.username, password: user.password }),
      }),
    );
    expect(response.status).toBe(200);
    const cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith("__Host-duplex_session="));
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
  });

  it("reads the session cookie on queries and clears it on sign-out", async () => {
    const token = await signIn();
    const me = await handle(
      new Request(`${base}/auth.me`, { headers: { cookie: `duplex_session=${token}` } }),
    );
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ result: { data: { user: { role: "builder" } } } });
    const out = await handle(
      post("auth.signOut", null, { cookie: `duplex_session=${token}; duplex_csrf=${CSRF}` }),
    );
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().some((c) => /^duplex_session=;.*Max-Age=0/.test(c))).toBe(
      true,
    );
    const after = await handle(
      new Request(`${base}/auth.me`, { headers: { cookie: `duplex_session=${token}` } }),
    );
    expect(after.status).toBe(401);
  });

  it("issues a CSRF cookie to a client that has none", async () => {
    const response = await handle(new Request(`${base}/auth.me`));
    expect(
      response.headers
        .getSetCookie()
        .some((c) => /^duplex_csrf=[\w-]{20,};.*SameSite=Strict/.test(c)),
    ).toBe(true);
    expect(response.headers.getSetCookie().find((c) => c.startsWith("duplex_csrf"))).not.toMatch(
      /HttpOnly/,
    );
  });

  it.each<[string, Record<string, string>]>([
    ["no header", { "x-duplex-csrf": "" }],
    ["a header that does not match the cookie", { "x-duplex-csrf": "another-token-0123456789" }],
    ["no cookie", { cookie: "" }],
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ])("refuses a cookie-authenticated mutation with %s (403)", async (_name, headers) => {
    const token = await signIn();
    const cookie = headers.cookie ?? `duplex_session=${token}; duplex_csrf=${CSRF}`;
    const response = await handle(post("auth.signOut", null, { ...headers, cookie }));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: { data: { code: "FORBIDDEN", reason: "CSRF" } },
    });
    // The session was not touched.
    const me = await handle(
      new Request(`${base}/auth.me`, { headers: { cookie: `duplex_session=${token}` } }),
    );
    expect(me.status).toBe(200);
  });

  it("accepts a same-origin mutation with the matching header", async () => {
    const token = await signIn();
    const response = await handle(
      post("auth.signOut", null, {
        cookie: `duplex_session=${token}; duplex_csrf=${CSRF}`,
        origin: "http://duplex.test",
      }),
    );
    expect(response.status).toBe(200);
  });

  it("accepts the origin of the Host header the browser used (Next rewrites the URL's host)", async () => {
    const token = await signIn();
    const response = await handle(
      post("auth.signOut", null, {
        cookie: `duplex_session=${token}; duplex_csrf=${CSRF}`,
        host: "127.0.0.1:3000",
        origin: "http://127.0.0.1:3000",
      }),
    );
    expect(response.status).toBe(200);
  });

  it("answers an oversized body with 413 and a clear message, before any procedure runs", async () => {
    const response = await handle(
      post("auth.signIn", { identifier: "x".repeat(70 * 1024), password: "y" }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: {
        message: "The request body is larger than the 64 KB limit.",
        data: { code: "PAYLOAD_TOO_LARGE" },
      },
    });
    const chunked = await handle(
      new Request(`${base}/auth.signIn`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: `duplex_csrf=${CSRF}`,
          "x-duplex-csrf": CSRF,
        },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 80; i += 1) controller.enqueue(new Uint8Array(1024));
            controller.close();
          },
        }),
        duplex: "half",
      }),
    );
    expect(chunked.status).toBe(413);
  });

  it("answers malformed JSON and invalid input with 400, never 500", async () => {
    const garbage = await handle(
      new Request(`${base}/auth.signIn`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: `duplex_csrf=${CSRF}`,
          "x-duplex-csrf": CSRF,
        },
        body: "{not json",
      }),
    );
    expect(garbage.status).toBe(400);
    const invalid = await handle(post("auth.signIn", { identifier: 42 }));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: {
        data: {
          code: "BAD_REQUEST",
          issues: expect.arrayContaining([{ path: ["identifier"], message: expect.any(String) }]),
        },
      },
    });
  });

  it("authenticates API tokens by bearer header without CSRF, but only for token-invocable procedures", async () => {
    const token = await env.tokenFor(env.users.admin, []);
    const response = await handle(
      new Request(`${base}/users.list`, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: { data: { reason: "TOKEN_NOT_ALLOWED" } },
    });
    const bogus = await handle(
      new Request(`${base}/users.list`, { headers: { authorization: "Bearer dpx_nope" } }),
    );
    expect(bogus.status).toBe(401);
  });
});
