import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { repoRoot } from "./start-helpers";

export const screenshotDir = path.join(repoRoot, "e2e/screenshots");

export interface ScenarioSystems {
  baseUrl: string;
  /** The one-time password printed by `npm start`. */
  oneTimePassword: string;
  newPassword: string;
  /** A Postgres database holding an `accounts` table. */
  postgresUrl: string;
  salesforce: { loginUrl: string; username: string; password: string };
  /** Names of the two connections the scenario creates. */
  names: { postgres: string; salesforce: string };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** Step 1: sign in with the one-time password and change it when forced to. */
export async function signIn(page: Page, s: ScenarioSystems): Promise<void> {
  await page.goto(`${s.baseUrl}/sign-in`);
  await page.getByLabel("Username or email").fill("admin");
  await page.getByLabel("Password", { exact: true }).fill(s.oneTimePassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 90_000 });
  if (page.url().includes("/change-password")) {
    await page.getByLabel("Current (one-time) password").fill(s.oneTimePassword);
    await page.getByLabel("New password", { exact: true }).fill(s.newPassword);
    await page.getByLabel("Repeat the new password").fill(s.newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/change-password"), { timeout: 90_000 });
  }
}

/** Creates the Postgres and Salesforce-emulator connections on the connections page. */
export async function createConnections(page: Page, s: ScenarioSystems): Promise<void> {
  await page.goto(`${s.baseUrl}/connections`);
  await page.getByRole("button", { name: "New connection" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.locator("#connection-name").fill(s.names.postgres);
  await dialog.locator("#connection-type").selectOption("postgres");
  await dialog.locator("#connection-connectionString").fill(s.postgresUrl);
  await dialog.getByRole("button", { name: "Create connection" }).click();
  await page.getByText(`Saved ${s.names.postgres}`).waitFor({ timeout: 30_000 });

  await page.getByRole("button", { name: "New connection" }).click();
  await dialog.locator("#connection-name").fill(s.names.salesforce);
  await dialog.locator("#connection-type").selectOption("salesforce");
  await dialog.locator("#connection-loginUrl").fill(s.salesforce.loginUrl);
  const auth = dialog.locator("#connection-auth");
  await auth.fill(
    JSON.stringify({
      type: "password",
      username: s.salesforce.username,
      password: s.salesforce.password,
    }),
  );
  await auth.blur();
  await dialog.getByRole("button", { name: "Create connection" }).click();
  await page.getByText(`Saved ${s.names.salesforce}`).waitFor({ timeout: 30_000 });
  await shot(page, "01-connections");
}

/** Step 2: the wizard creates a Postgres ⇄ Salesforce sync with Postgres as the system of record. */
export async function createSync(page: Page, s: ScenarioSystems, name: string): Promise<string> {
  await page.goto(`${s.baseUrl}/syncs/new`);
  await page.locator("#sync-name").fill(name);
  await page.locator("#conn-a").selectOption({ label: `${s.names.postgres} (postgres)` });
  await page.locator("#conn-b").selectOption({ label: `${s.names.salesforce} (salesforce)` });
  await page.getByRole("button", { name: "Continue" }).click();
  await page
    .locator("#object-a option[value='accounts']")
    .waitFor({ state: "attached", timeout: 60_000 });
  await page.locator("#object-a").selectOption("accounts");
  await page
    .locator("#object-b option[value='Account']")
    .waitFor({ state: "attached", timeout: 60_000 });
  await page.locator("#object-b").selectOption("Account");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#ext-b").selectOption("Duplex_Id__c");
  await shot(page, "02-wizard");
  await page.getByRole("button", { name: "Create sync" }).click();
  await page.waitForURL(/\/syncs\/[0-9a-f-]{36}$/, { timeout: 90_000 });
  await page.getByTestId("rf__node-map").waitFor({ timeout: 60_000 });
  return page.url().split("/").at(-1) ?? "";
}

async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error("cannot drag: element not visible");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Step 3: drag a filter from the palette onto the canvas, connect it and set its condition. */
export async function addFilter(page: Page, condition: string): Promise<void> {
  const canvas = page.getByTestId("flow-canvas");
  const box = await canvas.boundingBox();
  if (!box) throw new Error("no canvas");
  await page
    .getByTestId("palette-filter")
    .dragTo(canvas, { targetPosition: { x: box.width / 2, y: box.height - 120 } });
  const filter = page.getByTestId("rf__node-filter");
  await filter.waitFor();
  await dragBetween(
    page,
    page.locator('.react-flow__node[data-id="trigger"] .react-flow__handle.source'),
    page.locator('.react-flow__node[data-id="filter"] .react-flow__handle.target'),
  );
  await page.getByTestId("rf__edge-e-trigger-filter").waitFor({ state: "attached" });
  await filter.click();
  const input = page.locator("#cfg-filter-condition");
  await input.fill(condition);
  await shot(page, "03-filter");
}

/** Step 4: map name → Description with an upper-case transform. */
export async function mapWithTransform(page: Page): Promise<void> {
  await page.getByTestId("rf__node-map").click();
  const row = page.getByTestId("target-field-Description");
  await row.locator("select").first().selectOption("name");
  await row.getByRole("button", { name: /transforms?/ }).click();
  await row.getByLabel("Add transform").selectOption("case");
  await row.locator("select[id$='-to']").selectOption("upper");
  await shot(page, "04-mapping");
}

/** Step 5: test up to the map node on the latest source records. */
export async function testStep(page: Page, expected: string): Promise<void> {
  await page.getByRole("button", { name: "▶ Test up to this node" }).click();
  await page.getByRole("button", { name: "▶ Run test" }).click();
  await page.getByTestId("test-output").getByText(expected).first().waitFor({ timeout: 60_000 });
  await shot(page, "05-test-step");
}

export async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId("save-status").getByText("All changes saved").waitFor({ timeout: 30_000 });
}

/** Step 6: publish; the toast names the new versions. */
export async function publish(page: Page): Promise<void> {
  await waitSaved(page);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const published = page.getByText(/^Published: /);
  const problems = page.getByTestId("publish-problems");
  await Promise.race([
    published.waitFor({ timeout: 60_000 }),
    problems.waitFor({ timeout: 60_000 }),
  ]);
  if (await problems.isVisible()) {
    await shot(page, "06-publish-refused");
    throw new Error(`Publishing was refused: ${await problems.textContent()}`);
  }
  await shot(page, "06-published");
}
