import { describe, expect, it } from "vitest";
import { readBodyWithLimit } from "./body-limit";

function streamOf(chunks: number, size: number): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < chunks; i += 1) controller.enqueue(new Uint8Array(size).fill(65));
      controller.close();
    },
  });
}

describe("readBodyWithLimit (webhook payloads)", () => {
  it("returns the body when it fits", async () => {
    const result = await readBodyWithLimit(
      new Request("http://x/", { method: "POST", body: "hello" }),
      10,
    );
    expect(result.ok && new TextDecoder().decode(result.body)).toBe("hello");
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const request = new Request("http://x/", {
      method: "POST",
      body: "x".repeat(20),
      headers: { "content-length": "20" },
    });
    expect(await readBodyWithLimit(request, 10)).toEqual({
      ok: false,
      status: 413,
      message: "The request body is larger than the 10 bytes limit.",
    });
  });

  it("stops reading a streamed body as soon as it passes the limit", async () => {
    const request = new Request("http://x/", {
      method: "POST",
      body: streamOf(100, 1024),
      duplex: "half",
    });
    expect(await readBodyWithLimit(request, 8 * 1024)).toMatchObject({
      ok: false,
      status: 413,
      message: expect.stringContaining("8 KB"),
    });
    const small = new Request("http://x/", {
      method: "POST",
      body: streamOf(4, 1024),
      duplex: "half",
    });
    expect(await readBodyWithLimit(small, 8 * 1024)).toMatchObject({ ok: true });
  });
});
