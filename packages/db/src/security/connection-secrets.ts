/**
 * Which parts of a connection's settings are secret, and how they are split off before storage.
 *
 * The rule (documented for connector authors): a field is secret when its NAME contains
 * "password", "passphrase", "secret", "token", "apikey"/"api_key", "privatekey"/"private_key",
 * or is "authorization" or "cookie" (case-insensitive, at any depth): password, clientSecret,
 * privateKey, securityToken, refreshToken… In addition, any string that is a URL with a password
 * in it (`postgresql://user:pw@host/db`) keeps its URL as ordinary config but loses the password,
 * which is stored as a secret. So the UI can show `postgresql://user@host/db` but never `pw`.
 *
 * Secrets are sealed together as one JSON document; the non-secret rest is stored as plain jsonb.
 */
export type SecretPath = (string | number)[];

export type SecretEntry =
  | { kind: "value"; path: SecretPath; value: unknown }
  | { kind: "url-password"; path: SecretPath; value: string };

const SECRET_NAME =
  /pass(word|phrase)|secret|token|api_?key|private_?key|^authorization$|^cookie$/i;

export function isSecretFieldName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@]*:[^/?#@]*@/i;

function urlPassword(value: string): { stripped: string; password: string } | null {
  if (!URL_WITH_PASSWORD.test(value)) return null;
  try {
    const url = new URL(value);
    if (!url.password) return null;
    const password = decodeURIComponent(url.password);
    url.password = "";
    return { stripped: url.toString(), password };
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Splits settings into the public part (safe to store as jsonb and show) and the secret entries. */
export function splitSecrets(config: unknown): { publicConfig: unknown; secrets: SecretEntry[] } {
  const secrets: SecretEntry[] = [];
  function walk(value: unknown, path: SecretPath): unknown {
    if (typeof value === "string") {
      const found = urlPassword(value);
      if (!found) return value;
      secrets.push({ kind: "url-password", path, value: found.password });
      return found.stripped;
    }
    if (Array.isArray(value)) return value.map((inner, i) => walk(inner, [...path, i]));
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (isSecretFieldName(key) && inner !== undefined && inner !== null) {
        secrets.push({ kind: "value", path: [...path, key], value: inner });
      } else {
        out[key] = walk(inner, [...path, key]);
      }
    }
    return out;
  }
  return { publicConfig: walk(config, []), secrets };
}

function getAt(root: unknown, path: SecretPath): unknown {
  let current = root;
  for (const part of path) {
    if (Array.isArray(current) && typeof part === "number") current = current[part];
    else if (isRecord(current) && typeof part === "string") current = current[part];
    else return undefined;
  }
  return current;
}

/** Sets `value` at `path` if the parent exists; returns whether it did. Mutates `root`. */
function setAt(root: unknown, path: SecretPath, value: unknown): boolean {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === "number") {
    parent[last] = value;
    return true;
  }
  if (isRecord(parent) && typeof last === "string") {
    parent[last] = value;
    return true;
  }
  return false;
}

function withUrlPassword(url: string, password: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.username) return null;
    parsed.password = encodeURIComponent(password);
    return parsed.toString();
  } catch {
    return null;
  }
}

/**
 * Puts secrets back into (a deep copy of) the public settings. With `onlyMissing`, a secret is
 * applied only where the settings do not already carry one: that is how an update that omits a
 * password keeps the stored password (write-only secrets).
 */
export function mergeSecrets(
  publicConfig: unknown,
  secrets: SecretEntry[],
  options: { onlyMissing?: boolean } = {},
): unknown {
  const merged: unknown = structuredClone(publicConfig);
  for (const entry of secrets) {
    const current = getAt(merged, entry.path);
    if (entry.kind === "value") {
      const missing = current === undefined || current === null || current === "";
      if (!options.onlyMissing || missing) setAt(merged, entry.path, entry.value);
    } else if (typeof current === "string") {
      if (options.onlyMissing && urlPassword(current)) continue;
      const restored = withUrlPassword(current, entry.value);
      if (restored) setAt(merged, entry.path, restored);
    }
  }
  return merged;
}

/** Removes secret fields set to "" (a form's untouched password box means "keep", not "clear"). */
export function dropEmptySecrets(config: unknown): unknown {
  if (Array.isArray(config)) return config.map(dropEmptySecrets);
  if (!isRecord(config)) return config;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (isSecretFieldName(key) && value === "") continue;
    out[key] = dropEmptySecrets(value);
  }
  return out;
}

/** The label shown instead of a secret: `{ password: "set" }`, `{ "connectionString.password": "set" }`. */
export function secretLabel(entry: SecretEntry): string {
  const base = entry.path.join(".");
  return entry.kind === "url-password" ? `${base}.password` : base;
}

export function secretPathKey(path: SecretPath): string {
  return path.join(".");
}
