/**
 * Request body limits. The tRPC endpoint allows 1 MB (a flow definition is far smaller); webhook
 * triggers pick their own limit through `readBodyWithLimit`. Content-Length is checked first, then
 * the stream is read with a running count, so a chunked body cannot slip past the header check.
 */
export const DEFAULT_TRPC_BODY_LIMIT = 1024 * 1024;

export type LimitedBody =
  | { ok: true; body: Uint8Array<ArrayBuffer> }
  | { ok: false; status: 413; message: string };

function tooLarge(maxBytes: number): LimitedBody {
  return {
    ok: false,
    status: 413,
    message: `The request body is larger than the ${formatBytes(maxBytes)} limit.`,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);
  if (!request.body) return { ok: true, body: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, body };
}
