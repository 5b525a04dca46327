import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@duplex/devstack";
import { type SalesforceEmulator, startSalesforceEmulator } from "@duplex/salesforce-emulator";
import { createTestDatabase, type TestDatabase } from "@duplex/testing";
import pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "./browser";
import * as steps from "./editor-steps";
import { runStart, type StartedDuplex, waitForOutput } from "./start-helpers";

// The whole editor as a business analyst uses it: the real app (`npm start`), a real Postgres
// table on one side and the Salesforce emulator on the other, driven in Debian's chromium.
describe("canvas editor in a browser", () => {
  let appDb: TestDatabase | null = null;
  let sideDb: TestDatabase;
  let sf: SalesforceEmulator;
  let app: StartedDuplex;
  let browser: LaunchedBrowser;
  let page: Page;
  let systems: steps.ScenarioSystems;

  beforeAll(async () => {
    sideDb = await createTestDatabase("duplex_editor_side");
    const client = new pg.Client({ connectionString: sideDb.url });
    await client.connect();
    await client.query(`
      CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL, industry text, website text,
        sf_id text, updated_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO accounts (name, industry, website) VALUES
        ('Acme Corp', 'Technology', 'https://acme.test'), ('Globex', 'Energy', NULL);`);
    await client.end();
    sf = await startSalesforceEmulator({ port: 0, seed: true });
    appDb = sideDb.embedded ? null : await createTestDatabase("duplex_editor_app");

    const dataDir = mkdtempSync(path.join(os.tmpdir(), "duplex-editor-e2e-"));
    app = runStart({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DUPLEX_DATA_DIR: dataDir,
      ...(appDb
        ? { DATABASE_URL: appDb.url }
        : { DUPLEX_EMBEDDED_PG_PORT: String(await freePort()) }),
      PORT: String(await freePort()),
      TEMPORAL_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      DUPLEX_TASK_QUEUE: `editor-e2e-${process.pid}`,
      DUPLEX_NEXT_DIST_DIR: `.next-e2e-editor-${process.pid}`,
      NEXT_TELEMETRY_DISABLED: "1",
    });
    const [, url] = await waitForOutput(app, /Duplex is running at (\S+)/, 300_000);
    const [, oneTimePassword] = await waitForOutput(app, /password: (\S+)/, 10_000);
    systems = {
      // The CSRF origin check compares against the URL Next reports, which names localhost.
      baseUrl: (url ?? "").replace("127.0.0.1", "localhost"),
      oneTimePassword: oneTimePassword ?? "",
      newPassword: "a long editor passphrase",
      postgresUrl: sideDb.url,
      salesforce: { loginUrl: sf.loginUrl, username: sf.username, password: sf.password },
      names: { postgres: "Warehouse", salesforce: "Sales org" },
    };
    // A fresh dist dir compiles each route on first request; warm them up before the clock starts.
    for (const route of ["/sign-in", "/change-password", "/connections", "/syncs", "/syncs/new"]) {
      await fetch(`${systems.baseUrl}${route}`, { redirect: "manual" }).catch(() => undefined);
    }
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(90_000);
    page.setDefaultNavigationTimeout(180_000);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (app && app.child.exitCode === null) {
      app.child.kill("SIGINT");
      await app.exited;
    }
    await sf?.close();
    await appDb?.drop();
    await sideDb?.drop();
  }, 120_000);

  let syncId = "";

  it("1-2: signs in (changing the one-time password) and creates a Postgres ⇄ Salesforce sync", async () => {
    await steps.signIn(page, systems);
    await steps.createConnections(page, systems);
    syncId = await steps.createSync(page, systems, "Accounts to Salesforce");
    expect(syncId).toMatch(/^[0-9a-f-]{36}$/);
    // Auto-mapped by name from the live descriptors: name → Name.
    await page
      .getByTestId("rf__node-map")
      .getByText(/[1-9]\d* fields? mapped/)
      .waitFor();
  }, 300_000);

  it("3-5: drags a filter in and connects it, maps a field with a transform, test-steps it", async () => {
    await steps.addFilter(page, 'name != "skip"');
    await steps.mapWithTransform(page);
    await steps.testStep(page, "ACME CORP");
  }, 180_000);

  it("6-7: publishes, and after a reload everything is still there", async () => {
    await steps.publish(page);
    await page.reload();
    await page.getByTestId("rf__node-filter").waitFor({ timeout: 60_000 });
    await expect(page.getByTestId("rf__edge-e-trigger-filter").count()).resolves.toBe(1);
    await page.getByTestId("rf__node-filter").click();
    await expect(page.locator("#cfg-filter-condition").inputValue()).resolves.toBe(
      'name != "skip"',
    );
    await page.getByTestId("rf__node-map").click();
    const row = page.getByTestId("target-field-Description");
    await expect(row.locator("select").first().inputValue()).resolves.toBe("name");
    await steps.shot(page, "07-reloaded");
  }, 180_000);

  it("8: restores the previous version as the new draft", async () => {
    await page.getByTestId("rf__node-filter").click();
    await page.locator("#cfg-filter-condition").fill('name != "other"');
    await steps.publish(page); // version 2
    await page.getByRole("button", { name: "History" }).click();
    const v1 = page.getByTestId("version-1");
    await v1.getByRole("button", { name: "Open read-only" }).click();
    await page.getByText("Viewing version 1 (read-only).").waitFor();
    await steps.shot(page, "08-version-1");
    await v1.getByRole("button", { name: "Restore as draft" }).click();
    await page.getByText("Restored as the new draft").waitFor();
    await page.getByTestId("rf__node-filter").click();
    await expect(page.locator("#cfg-filter-condition").inputValue()).resolves.toBe(
      'name != "skip"',
    );
    await page.reload();
    await page.getByTestId("rf__node-filter").click();
    await expect(page.locator("#cfg-filter-condition").inputValue()).resolves.toBe(
      'name != "skip"',
    );
    await steps.shot(page, "09-restored");
  }, 180_000);
});
