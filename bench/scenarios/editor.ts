import type { Page } from "playwright-core";
import { launchBrowser } from "../../e2e/browser";
import { signIn } from "../../e2e/editor-steps";
import type { DatabaseFactory } from "../lib/databases";
import { startEditorApp } from "../lib/editor-app";
import { type BenchResult, machineInfo, percentile, round } from "../lib/results";

export interface EditorOptions {
  databases: DatabaseFactory;
  temporalAddress: string;
  nodeCount: number;
  /** Measured page loads (after one warm-up load that compiles the route in next dev). */
  loads: number;
  /** Mouse moves in the drag; each is one input event dispatched by Playwright. */
  dragMoves: number;
  log(line: string): void;
}

// Page-side code as source text: bench compiles without the DOM library. The sampler records
// every animation frame's timestamp on window until stopped.
const START_SAMPLING = `(() => {
  const frames = [];
  window.benchFrames = frames;
  window.benchSampling = true;
  const tick = (t) => { frames.push(t); if (window.benchSampling) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;
const STOP_SAMPLING = "(window.benchSampling = false, window.benchFrames)";

const FRAME_BUDGET_MS = 1000 / 60;

/**
 * Navigation start to the first animation frame in which every node is in the DOM, timed inside
 * the page (performance.now() counts from navigation start), so Playwright's polling adds nothing.
 */
async function measureRender(page: Page, url: string, nodes: number): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  const handle = await page.waitForFunction(
    `document.querySelectorAll(".react-flow__node").length >= ${nodes} ? performance.now() : false`,
    undefined,
    { polling: "raf", timeout: 180_000 },
  );
  return Number(await handle.jsonValue());
}

/** Frame-to-frame times sampled with requestAnimationFrame while `work` runs. */
async function sampleFrames(page: Page, work: () => Promise<void>): Promise<number[]> {
  await page.evaluate(START_SAMPLING);
  await work();
  const stamps: unknown = await page.evaluate(STOP_SAMPLING);
  if (!Array.isArray(stamps)) throw new Error("the page returned no frame times");
  const times = stamps.map(Number);
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}

function frameStats(deltas: number[]) {
  return {
    frames: deltas.length,
    p50Ms: round(percentile(deltas, 50)),
    p95Ms: round(percentile(deltas, 95)),
    maxMs: round(Math.max(...deltas)),
    // A frame longer than one 60 Hz interval (with 10% slack for timer jitter) missed a vsync.
    dropped: deltas.filter((d) => d > FRAME_BUDGET_MS * 1.1).length,
  };
}

/**
 * Render and drag-frame time of a large canvas in headless Chromium, against the real app in
 * `next dev` (what `npm start` runs: development React, so absolute figures are pessimistic).
 */
export async function benchEditor(options: EditorOptions): Promise<BenchResult> {
  const app = await startEditorApp(options);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(90_000);
    page.setDefaultNavigationTimeout(180_000);
    await signIn(page, {
      baseUrl: app.baseUrl,
      oneTimePassword: app.oneTimePassword,
      newPassword: "a long bench passphrase",
      postgresUrl: "",
      salesforce: { loginUrl: "", username: "", password: "" },
      names: { postgres: "", salesforce: "" },
    });
    const url = `${app.baseUrl}/syncs/${app.syncId}`;
    options.log(`editor: warm-up load (compiles the route)...`);
    await measureRender(page, url, options.nodeCount);
    const renders: number[] = [];
    for (let i = 0; i < options.loads; i += 1) {
      renders.push(await measureRender(page, url, options.nodeCount));
      options.log(
        `  load ${i + 1}: ${round(renders.at(-1) ?? 0)} ms to ${options.nodeCount} nodes`,
      );
    }
    const rendered = await page.locator(".react-flow__node").count();
    await page.waitForTimeout(1_000); // fitView and the minimap settle
    const idle = frameStats(await sampleFrames(page, () => page.waitForTimeout(1_000)));

    // Drag a node near the middle of the view in a wide circle-free zigzag: every move is a
    // position change React Flow re-renders (node, its edges, the minimap).
    const target = page.locator('.react-flow__node[data-id="f-7"]');
    const box = await target.boundingBox();
    if (!box) throw new Error("the node to drag is not visible");
    const x0 = box.x + box.width / 2;
    const y0 = box.y + box.height / 2;
    let dragMs = 0;
    const drag = frameStats(
      await sampleFrames(page, async () => {
        const dragStarted = performance.now();
        await page.mouse.move(x0, y0);
        await page.mouse.down();
        for (let i = 1; i <= options.dragMoves; i += 1) {
          const phase = (i % 100) / 100;
          await page.mouse.move(x0 + 300 * Math.sin(phase * 2 * Math.PI), y0 + i * 0.5);
        }
        await page.mouse.up();
        dragMs = performance.now() - dragStarted;
      }),
    );
    options.log(
      `  drag: ${drag.frames} frames, p50 ${drag.p50Ms} ms, p95 ${drag.p95Ms} ms, ${drag.dropped} over ${round(FRAME_BUDGET_MS)} ms, ${round(dragMs / options.dragMoves)} ms per move (idle p50 ${idle.p50Ms} ms)`,
    );
    return {
      name: "editor",
      p50Ms: drag.p50Ms,
      p95Ms: drag.p95Ms,
      renderMs: round(percentile(renders, 50)),
      nodes: rendered,
      details: {
        renderLoadsMs: renders.map((r) => round(r)),
        // Playwright waits for each move to be handled, so this is input-to-handled time.
        drag: { ...drag, moves: options.dragMoves, msPerMove: round(dragMs / options.dragMoves) },
        idle,
        server: "next dev (development React), Chromium headless --disable-gpu, 1280x720",
      },
      machine: machineInfo(),
      at: new Date().toISOString(),
    };
  } finally {
    await browser.close();
    await app.close();
  }
}
