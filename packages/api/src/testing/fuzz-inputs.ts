/**
 * Seeded generators of hostile inputs for the fuzz test. Same seed, same inputs: a failure names
 * its seed and case number so it reproduces exactly.
 */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  // mulberry32: tiny, fast, good enough to spread test cases.
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Field names the routers use, so many inputs have the right keys with the wrong values.
const FIELD_NAMES = [
  "id",
  "name",
  "type",
  "config",
  "userId",
  "role",
  "syncId",
  "syncIds",
  "pattern",
  "note",
  "identifier",
  "password",
  "currentPassword",
  "newPassword",
  "username",
  "email",
  "disabled",
  "clearSecrets",
  "limit",
  "before",
  "action",
  "entityType",
  "entityId",
  "from",
  "to",
  "host",
  "connectionString",
  "__proto__",
  "constructor",
  "flowId",
  "runId",
  "definition",
  "revision",
];

const STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "admin",
  "postgres",
  "'; DROP TABLE users;--",
  "\ud800",
  "🚀".repeat(50),
  "00000000-0000-0000-0000-000000000000",
  "not-a-uuid",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "%00",
  "NaN",
  "{}",
  "[]",
  "true",
  "1e309",
  "*",
  "*.",
  "dpx_",
  "viewer",
  "superadmin",
];

export function hostileValue(random: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (depth > 3 || roll < 0.35) {
    return pick<unknown>([
      null,
      undefined,
      true,
      false,
      0,
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -0,
      Number.MAX_SAFE_INTEGER + 2,
      2 ** 31,
      -(2 ** 63),
      pick(STRINGS),
      crypto.randomUUID(),
      "x".repeat(Math.floor(random() * 300_000)),
      "\u0000".repeat(100),
      new Date(Number.NaN),
      new Date(),
    ]);
  }
  if (roll < 0.5)
    return Array.from({ length: Math.floor(random() * 5) }, () => hostileValue(random, depth + 1));
  if (roll < 0.55) return deepNesting(Math.floor(random() * 3000), random() < 0.5);
  if (roll < 0.6) return Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));
  const out: Record<string, unknown> = {};
  for (let i = 0, n = 1 + Math.floor(random() * 5); i < n; i += 1) {
    out[pick(FIELD_NAMES)] = hostileValue(random, depth + 1);
  }
  return out;
}

// Each level holds the next one once: sharing a child between two keys would make a DAG whose
// JSON form doubles per level.
function deepNesting(depth: number, arrays: boolean): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i += 1) value = arrays ? [value] : { config: value, id: "x" };
  return value;
}
