import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface MachineInfo {
  cores: number;
  memoryGB: number;
  node: string;
  cpu: string;
}

/** One benchmark's figures. Only the fields that apply are set. */
export interface BenchResult {
  name: string;
  rows?: number;
  rowsPerSecond?: number;
  baselineRowsPerSecond?: number;
  ratio?: number;
  peakRssMB?: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  echoWrites?: number;
  /** editor: navigation to every node rendered, and how many nodes the canvas held. */
  renderMs?: number;
  nodes?: number;
  skipped?: string;
  /** Scenario-specific figures (written/skipped counts, sub-runs). */
  details?: Record<string, unknown>;
  machine: MachineInfo;
  at: string;
}

export function machineInfo(): MachineInfo {
  return {
    cores: os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
  };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function resultsDir(): string {
  return path.join(path.dirname(import.meta.dirname), "results");
}

export async function writeResult(result: BenchResult, dir = resultsDir()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${result.name}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

const COLUMNS: Array<[string, (r: BenchResult) => string]> = [
  ["name", (r) => r.name],
  ["rows", (r) => (r.rows === undefined ? "" : String(r.rows))],
  ["rows/s", (r) => (r.rowsPerSecond === undefined ? "" : String(Math.round(r.rowsPerSecond)))],
  [
    "baseline/s",
    (r) =>
      r.baselineRowsPerSecond === undefined ? "" : String(Math.round(r.baselineRowsPerSecond)),
  ],
  ["ratio", (r) => (r.ratio === undefined ? "" : `${Math.round(r.ratio * 100)}%`)],
  ["peak RSS", (r) => (r.peakRssMB === undefined ? "" : `${r.peakRssMB} MB`)],
  [
    "p50/p95/p99 ms",
    (r) => (r.p50Ms === undefined ? "" : `${r.p50Ms}/${r.p95Ms ?? ""}/${r.p99Ms ?? ""}`),
  ],
  ["render ms", (r) => (r.renderMs === undefined ? "" : String(r.renderMs))],
  ["echo", (r) => (r.echoWrites === undefined ? "" : String(r.echoWrites))],
  [
    "note",
    (r) =>
      r.skipped && r.skipped.length > 60 ? `${r.skipped.slice(0, 57)}...` : (r.skipped ?? ""),
  ],
];

export function summaryTable(results: BenchResult[]): string {
  const cells = results.map((r) => COLUMNS.map(([, f]) => f(r)));
  const widths = COLUMNS.map(([h], i) =>
    Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  return [
    line(COLUMNS.map(([h]) => h)),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.map(line),
  ].join("\n");
}
