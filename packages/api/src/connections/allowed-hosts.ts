import { domainToASCII } from "node:url";

/**
 * Outbound allow-list (seed 003: "APIs must be allowed before any external endpoint can be called").
 *
 * The rule: when the allow-list is empty, every host is allowed (a fresh install works out of the
 * box). As soon as it has one pattern, every host a connection reaches must match one:
 *   - `db.example.com` matches exactly that host (case-insensitive, IDN via punycode);
 *   - `*.example.com` matches any subdomain at any depth, but not `example.com` itself;
 *   - IP addresses match literally (`10.0.0.5`, `[::1]` or `::1`).
 * Ports are not part of the rule. A connection whose host Duplex cannot determine is refused.
 */
const HOST_KEYS = new Set(["host", "hostname", "server"]);
const HOST_PARAMS = ["host", "hostaddr"];

function normalizeHost(host: string): string {
  const trimmed = host
    .trim()
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^\[(.*)\]$/, "$1");
  return domainToASCII(trimmed) || trimmed;
}

function hostsOfUrl(value: string): string[] {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return [];
  try {
    const url = new URL(value);
    // pg honours ?host= over the URL's authority: both are places the connection may go.
    const fromParams = HOST_PARAMS.flatMap((name) => url.searchParams.getAll(name));
    const hosts = [url.hostname, ...fromParams].filter((h) => h !== "");
    // `postgresql:///db` (no host) means a local socket: report that as undeterminable.
    return hosts.length > 0 ? hosts : ["(no host)"];
  } catch {
    return ["(unparseable URL)"];
  }
}

/** Every host a connection's settings point at: `host`-like fields and any URL's authority. */
export function hostsOfConfig(config: unknown): string[] {
  const found: string[] = [];
  function walk(value: unknown, key: string | null): void {
    if (typeof value === "string") {
      if (key !== null && HOST_KEYS.has(key.toLowerCase())) {
        found.push(...value.split(","));
      } else {
        found.push(...hostsOfUrl(value));
      }
    } else if (Array.isArray(value)) {
      for (const inner of value) walk(inner, key);
    } else if (value !== null && typeof value === "object") {
      for (const [innerKey, inner] of Object.entries(value)) walk(inner, innerKey);
    }
  }
  walk(config, null);
  return [...new Set(found.map(normalizeHost))];
}

export function hostMatchesPattern(host: string, pattern: string): boolean {
  const wanted = normalizeHost(host);
  const raw = pattern.trim().toLowerCase();
  if (raw.startsWith("*.")) {
    const suffix = normalizeHost(raw.slice(2));
    return suffix !== "" && wanted.endsWith(`.${suffix}`);
  }
  return raw !== "" && wanted === normalizeHost(raw);
}

/** Null when allowed; otherwise the message explaining which host is not on the list. */
export function allowListProblem(config: unknown, patterns: string[]): string | null {
  if (patterns.length === 0) return null;
  const hosts = hostsOfConfig(config);
  if (hosts.length === 0) {
    return "Duplex cannot tell which host this connection reaches, so the allow-list cannot approve it.";
  }
  const refused = hosts.filter((host) => !patterns.some((p) => hostMatchesPattern(host, p)));
  if (refused.length === 0) return null;
  return `Host ${refused.map((h) => `"${h}"`).join(", ")} is not on the allow-list. An admin can add it under Settings → Allow-list.`;
}
