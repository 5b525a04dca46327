import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

let installed = false;

/** Debian's chromium, installed with apt the first time a test needs it. */
export function ensureChromium(): string {
  if (installed || existsSync(CHROMIUM_PATH)) {
    installed = true;
    return CHROMIUM_PATH;
  }
  execFileSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", timeout: 600_000 });
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is missing`);
  installed = true;
  return CHROMIUM_PATH;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless chromium with a fresh profile, and nothing that phones home or updates itself. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const executablePath = ensureChromium();
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "duplex-chromium-"));
  // Playwright owns --user-data-dir: a persistent context is how a fresh profile dir is passed.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 720 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
