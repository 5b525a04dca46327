// The npm registry this project is installed from may serve only some platforms' builds of
// packages that ship native binaries as optional dependencies (biome, turbo, esbuild, swc, ...).
// npm then leaves the other platforms out of package-lock.json, and `npm ci` refuses the lockfile
// as out of sync. This adds the missing entries, marked optional with their os/cpu/libc, so every
// platform's `npm ci` accepts the lockfile and skips what does not match its platform.
// Idempotent; run by the root `postinstall`, so `npm install` keeps the lockfile complete.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = path.join(root, "package-lock.json");
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages ?? {};

const OS = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "netbsd",
  "openbsd",
  "sunos",
  "win32",
  "aix",
  "openharmony",
  "cygwin",
];
const CPU = [
  "arm64",
  "x64",
  "ia32",
  "arm",
  "ppc64",
  "s390x",
  "riscv64",
  "loong64",
  "mips64el",
  "wasm32",
  "universal",
];

function platformOf(name) {
  const base = name.split("/").pop() ?? name;
  const parts = base
    .toLowerCase()
    .replace(/(^|-)win32(-|$)/, "$1win32$2")
    .replace("windows", "win32")
    .replace("macos", "darwin")
    .split(/[-.]/);
  const os = OS.find((o) => parts.includes(o));
  let cpu = CPU.find((c) => parts.includes(c));
  if (!cpu && parts.includes("64") && os) cpu = "x64";
  if (parts.includes("universal")) cpu = undefined;
  const libc = parts.includes("musl")
    ? "musl"
    : parts.includes("gnu") || parts.includes("glibc")
      ? "glibc"
      : undefined;
  if (!os && !cpu) return null;
  return { os, cpu, libc };
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    // Where npm would place it: nested beside the parent, else hoisted to the root.
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(range)) continue;
    packages[hoisted] = {
      version: range,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(platform.os ? { os: [platform.os] } : {}),
      ...(platform.cpu ? { cpu: [platform.cpu] } : {}),
      ...(platform.libc ? { libc: [platform.libc] } : {}),
    };
    added += 1;
  }
}
if (added > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) =>
      a === "" ? -1 : b === "" ? 1 : a.localeCompare(b),
    ),
  );
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  process.stdout.write(`complete-lockfile: added ${added} other-platform optional entries\n`);
}
