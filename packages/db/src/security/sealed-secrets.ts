import { z } from "zod";
import { mergeSecrets, type SecretEntry } from "./connection-secrets";
import { type KeyRing, openSecret, sealSecret } from "./secrets";

// The sealed document's shape, checked on the way out: ciphertext is external data too.
const sealedDocumentSchema = z.object({
  v: z.literal(1),
  entries: z.array(
    z.union([
      z.object({
        kind: z.literal("value"),
        path: z.array(z.union([z.string(), z.number()])),
        value: z.unknown(),
      }),
      z.object({
        kind: z.literal("url-password"),
        path: z.array(z.union([z.string(), z.number()])),
        value: z.string(),
      }),
    ]),
  ),
});

export function sealEntries(
  ring: KeyRing,
  entries: SecretEntry[],
): { secretCiphertext: string | null; secretKeyVersion: number | null } {
  if (entries.length === 0) return { secretCiphertext: null, secretKeyVersion: null };
  const sealed = sealSecret(ring, JSON.stringify({ v: 1, entries }));
  return { secretCiphertext: sealed.ciphertext, secretKeyVersion: sealed.keyVersion };
}

export function openEntries(ring: KeyRing, ciphertext: string | null): SecretEntry[] {
  if (ciphertext === null) return [];
  const parsed = sealedDocumentSchema.safeParse(JSON.parse(openSecret(ring, ciphertext)));
  if (!parsed.success)
    throw new Error("The stored connection secrets are not in the expected format.");
  return parsed.data.entries.map(
    (entry): SecretEntry =>
      entry.kind === "value"
        ? { kind: "value", path: entry.path, value: entry.value }
        : { kind: "url-password", path: entry.path, value: entry.value },
  );
}

/**
 * The full settings of a stored connection: its public config with the sealed secrets put back.
 * Server-side only (the API's connection opener and the worker's connector provider).
 */
export function unsealConnectionConfig(
  ring: KeyRing,
  row: { config: unknown; secretCiphertext: string | null },
): unknown {
  return mergeSecrets(row.config, openEntries(ring, row.secretCiphertext));
}
