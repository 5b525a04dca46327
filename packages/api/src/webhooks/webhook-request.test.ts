import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  assertMatchesSchema,
  parseJsonBody,
  recordsOf,
  signatureMatches,
  WebhookError,
} from "./webhook-request";

const body = new TextEncoder().encode('{"id":1,"name":"Ada"}');
const hex = createHmac("sha256", "s3cret").update(body).digest("hex");

function refusal(run: () => unknown): { status: number; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof WebhookError) return { status: error.status, message: error.message };
    throw error;
  }
}

describe("webhook request checks", () => {
  it.each([
    [`sha256=${hex}`, true],
    [hex, true],
    [hex.toUpperCase(), true],
    [`sha256=${"0".repeat(64)}`, false],
    ["sha256=abc", false],
    [null, false],
  ])("signature %s → %s", (header, ok) => {
    expect(signatureMatches(body, "s3cret", header)).toBe(ok);
  });

  it("names the JSON problem", () => {
    expect(refusal(() => parseJsonBody(new TextEncoder().encode("{nope")))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^The body is not valid JSON: /),
    });
  });

  it("lists schema violations with their paths", () => {
    const schema = {
      type: "object",
      required: ["id", "email"],
      properties: { email: { type: "string", format: "email" }, id: { type: "integer" } },
    };
    expect(refusal(() => assertMatchesSchema("v1", schema, { id: "x" }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/must have required property 'email'.*\/id must be integer/),
    });
    expect(refusal(() => assertMatchesSchema("v1", schema, { id: 1, email: "a@b.c" }))).toBeNull();
  });

  it("turns one record or an array into keyed records, refusing keyless ones", () => {
    expect(recordsOf({ id: 7, name: "Ada" }, "id")).toEqual([
      { key: "7", record: { id: 7, name: "Ada" } },
    ]);
    expect(recordsOf([{ id: "a" }, { id: "b" }], "id").map((r) => r.key)).toEqual(["a", "b"]);
    expect(refusal(() => recordsOf([{ id: 1 }, { name: "x" }], "id"))?.message).toBe(
      'Record [1] has no "id" (the source object\'s primary key).',
    );
    expect(refusal(() => recordsOf([], "id"))?.status).toBe(400);
    expect(refusal(() => recordsOf("text", "id"))?.message).toBe(
      "The record is not a JSON object.",
    );
  });
});
