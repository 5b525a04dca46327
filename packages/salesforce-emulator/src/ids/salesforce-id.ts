// Salesforce record IDs: 15 case-sensitive characters (3-char key prefix, pod/reserved chars,
// base62 counter) plus, for the 18-char form, a 3-char checksum that makes the ID usable by
// case-insensitive systems. The checksum algorithm is the documented one: for each 5-char chunk,
// a bit per uppercase letter, mapped into "A-Z0-5".

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

/** Pod identifier and reserved char used in every ID minted by the emulator. */
const POD = "5g0";
const COUNTER_WIDTH = 9;

export function checksumSuffix(id15: string): string {
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charAt(chunk * 5 + i);
      if (ch >= "A" && ch <= "Z") bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return suffix;
}

export function toBase62(value: number, width: number): string {
  let n = Math.floor(value);
  let out = "";
  while (n > 0) {
    out = BASE62.charAt(n % 62) + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, "0");
}

/** Builds an 18-char ID from a key prefix and a sequence number. */
export function mintId(keyPrefix: string, sequence: number): string {
  const id15 = `${keyPrefix}${POD}${toBase62(sequence, COUNTER_WIDTH)}`;
  return id15 + checksumSuffix(id15);
}

export function isWellFormedId(value: string): boolean {
  if (!ID_PATTERN.test(value)) return false;
  if (value.length === 18) return checksumSuffix(value.slice(0, 15)) === value.slice(15);
  return true;
}

/**
 * Canonical 18-char form of a well-formed 15- or 18-char ID, or undefined.
 * An 18-char ID whose suffix disagrees with its case is repaired from the suffix, the way
 * Salesforce accepts IDs that passed through case-insensitive systems.
 */
export function normalizeId(value: string): string | undefined {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value)) return undefined;
  if (value.length === 15) return value + checksumSuffix(value);
  const suffix = value.slice(15).toUpperCase();
  if (!/^[A-Z0-5]{3}$/.test(suffix)) return undefined;
  const chars = value.slice(0, 15).split("");
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = CHECKSUM_ALPHABET.indexOf(suffix.charAt(chunk));
    for (let i = 0; i < 5; i++) {
      const index = chunk * 5 + i;
      const ch = chars[index] ?? "";
      const upper = (bits & (1 << i)) !== 0;
      chars[index] = upper ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  const repaired = chars.join("");
  return repaired + checksumSuffix(repaired);
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}
