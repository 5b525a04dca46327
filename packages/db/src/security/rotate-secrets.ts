import { eq, isNotNull } from "drizzle-orm";
import type { Database } from "../client";
import { connections, settings } from "../schema/index";
import { type KeyRing, openSecret, sealSecret } from "./secrets";

export interface RotationReport {
  connections: number;
  settings: number;
  keyVersion: number;
}

// Settings whose value is a sealed string (today only the first admin's one-time password).
const SEALED_SETTING_KEYS = ["first_admin_one_time_password"];

/**
 * Re-seals every stored secret under the ring's newest key, in one transaction: either all of
 * them move or none do, so a failure half-way never leaves secrets under a key about to be
 * dropped. Rows are locked so a concurrent edit cannot write a value sealed under the old key.
 * Afterwards the old key can be removed from DUPLEX_SECRET_KEY.
 */
export async function rotateSecrets(db: Database, ring: KeyRing): Promise<RotationReport> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: connections.id, ciphertext: connections.secretCiphertext })
      .from(connections)
      .where(isNotNull(connections.secretCiphertext))
      .for("update");
    for (const row of rows) {
      if (row.ciphertext === null) continue;
      const sealed = sealSecret(ring, openSecret(ring, row.ciphertext));
      await tx
        .update(connections)
        .set({ secretCiphertext: sealed.ciphertext, secretKeyVersion: sealed.keyVersion })
        .where(eq(connections.id, row.id));
    }
    let settingsRotated = 0;
    for (const key of SEALED_SETTING_KEYS) {
      const found = await tx
        .select({ value: settings.value })
        .from(settings)
        .where(eq(settings.key, key))
        .for("update");
      const value = found[0]?.value;
      if (typeof value !== "string") continue;
      const sealed = sealSecret(ring, openSecret(ring, value));
      await tx
        .update(settings)
        .set({ value: sealed.ciphertext, updatedAt: new Date() })
        .where(eq(settings.key, key));
      settingsRotated += 1;
    }
    return {
      connections: rows.length,
      settings: settingsRotated,
      keyVersion: ring.current.version,
    };
  });
}
