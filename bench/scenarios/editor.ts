import { existsSync } from "node:fs";
import path from "node:path";
import { type BenchResult, machineInfo } from "../lib/results";

const canvasPage = path.join(
  import.meta.dirname,
  "../../apps/web/src/app/(signed-in)/syncs/[syncId]/page.tsx",
);

/**
 * Render and drag-frame time of a 150-node canvas in headless Chromium. Not measured yet: the
 * result says why, so a reader of bench/results never mistakes a missing figure for a fast one.
 */
export async function benchEditor(): Promise<BenchResult> {
  const skipped = existsSync(canvasPage)
    ? "not measured yet: the canvas page exists (apps/web syncs/[syncId]), but driving it needs the web app started, an admin signed in and a 150-node draft seeded; that harness was out of this pass's time budget (see bench/README.md)"
    : "the canvas page (apps/web syncs/[syncId]) does not exist yet";
  return { name: "editor", skipped, machine: machineInfo(), at: new Date().toISOString() };
}
