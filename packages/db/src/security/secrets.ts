import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * AES-256-GCM sealing of connection credentials. `DUPLEX_SECRET_KEY` holds one or more versioned
 * keys, newest first: `v2:<base64 32 bytes>,v1:<base64 32 bytes>`. A bare key counts as version 1.
 * Ciphertexts name their key version, so old ones stay readable while `rotate-secrets` re-seals
 * everything under the newest key.
 */
export interface KeyRing {
  current: { version: number; key: Buffer };
  byVersion: Map<number, Buffer>;
}

function decodeKey(material: string): Buffer {
  const decoded = Buffer.from(material, "base64");
  if (decoded.length === 32) return decoded;
  // A passphrase of another length still yields a 256-bit key, deterministically.
  return createHash("sha256").update(material, "utf8").digest();
}

export function parseKeyRing(spec: string): KeyRing {
  const byVersion = new Map<number, Buffer>();
  let current: KeyRing["current"] | undefined;
  for (const part of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^v(\d+):(.+)$/.exec(part);
    const version = match ? Number(match[1]) : 1;
    const key = decodeKey(match?.[2] ?? part);
    if (byVersion.has(version))
      throw new Error(`DUPLEX_SECRET_KEY lists key version ${version} twice.`);
    byVersion.set(version, key);
    current ??= { version, key };
  }
  if (!current) throw new Error("DUPLEX_SECRET_KEY is empty.");
  return { current, byVersion };
}

export function generateSecretKey(): string {
  return `v1:${randomBytes(32).toString("base64")}`;
}

export interface SealedSecret {
  ciphertext: string;
  keyVersion: number;
}

export function sealSecret(ring: KeyRing, plaintext: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  const ciphertext = [
    "v",
    ring.current.version,
    iv.toString("base64"),
    tag.toString("base64"),
    body.toString("base64"),
  ];
  return {
    ciphertext: `${ciphertext[0]}${ciphertext.slice(1).join(":")}`,
    keyVersion: ring.current.version,
  };
}

export function openSecret(ring: KeyRing, sealed: string): string {
  const match = /^v(\d+):([^:]+):([^:]+):(.*)$/.exec(sealed);
  if (!match) throw new Error("The stored secret is not in Duplex's sealed format.");
  const version = Number(match[1]);
  const key = ring.byVersion.get(version);
  if (!key) {
    throw new Error(
      `The stored secret was sealed with key version ${version}, which DUPLEX_SECRET_KEY does not contain.`,
    );
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(match[2] ?? "", "base64"));
  decipher.setAuthTag(Buffer.from(match[3] ?? "", "base64"));
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(match[4] ?? "", "base64")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new Error(
      `The stored secret could not be decrypted with key version ${version}: wrong key or tampered data.`,
    );
  }
}
