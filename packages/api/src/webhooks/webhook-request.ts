import { createHmac, timingSafeEqual } from "node:crypto";
import { Ajv, type ValidateFunction } from "ajv";
import { z } from "zod";

/** A refusal with the HTTP status and the message the caller sees. */
export class WebhookError extends Error {
  override readonly name = "WebhookError";
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413 | 500,
    message: string,
  ) {
    super(message);
  }
}

/** Accepts `sha256=<hex>` (GitHub's style) or bare hex; compares in constant time. */
export function signatureMatches(body: Uint8Array, secret: string, header: string | null): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^sha256=/i, "");
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(given, "hex"));
}

export function parseJsonBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch (error) {
    throw new WebhookError(
      400,
      `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
// Compiled schemas per published version: versions are immutable, so the cache never goes stale.
const compiled = new Map<string, ValidateFunction>();

export function assertMatchesSchema(
  versionId: string,
  schema: Record<string, unknown>,
  payload: unknown,
): void {
  let validate = compiled.get(versionId);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      throw new WebhookError(
        500,
        `The webhook's payloadSchema is not a valid JSON Schema: ${error instanceof Error ? error.message : ""}`,
      );
    }
    compiled.set(versionId, validate);
  }
  if (validate(payload)) return;
  const problems = (validate.errors ?? [])
    .slice(0, 10)
    .map((e) => `${e.instancePath || "(payload)"} ${e.message ?? "is invalid"}`);
  throw new WebhookError(
    400,
    `The payload does not match the webhook's schema: ${problems.join("; ")}`,
  );
}

const recordSchema = z.record(z.string(), z.unknown());

/** One record or an array of them; every record must be an object carrying its key field. */
export function recordsOf(
  payload: unknown,
  keyField: string,
): { key: string; record: Record<string, unknown> }[] {
  const list = Array.isArray(payload) ? payload : [payload];
  if (list.length === 0) throw new WebhookError(400, "The payload holds no records.");
  return list.map((item, index) => {
    const where = Array.isArray(payload) ? `Record [${index}]` : "The record";
    const parsed = recordSchema.safeParse(item);
    if (!parsed.success || Array.isArray(item))
      throw new WebhookError(400, `${where} is not a JSON object.`);
    const key = parsed.data[keyField];
    if (typeof key !== "string" && typeof key !== "number")
      throw new WebhookError(
        400,
        `${where} has no "${keyField}" (the source object's primary key).`,
      );
    return { key: String(key), record: parsed.data };
  });
}
