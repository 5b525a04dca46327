import { startSalesforceEmulator } from "@duplex/salesforce-emulator";
import { launchBrowser } from "./browser";
import * as steps from "./editor-steps";

const sf = await startSalesforceEmulator({ port: 0, seed: true });
const systems = {
  baseUrl: "http://localhost:3471",
  oneTimePassword: process.env.PW ?? "",
  newPassword: "editor-pass-1234567",
  postgresUrl: "postgresql://postgres@127.0.0.1:5432/editor_side",
  salesforce: { loginUrl: sf.loginUrl, username: sf.username, password: sf.password },
  names: { postgres: `PG ${Date.now()}`, salesforce: `SF ${Date.now()}` },
};
const { context, close } = await launchBrowser();
const page = await context.newPage();
page.on("console", (m) => {
  if (m.type() === "error") console.log("console:", m.text());
});
try {
  await steps.signIn(page, { ...systems, oneTimePassword: "editor-pass-1234567" });
  console.log("signed in");
  await steps.createConnections(page, systems);
  console.log("connections");
  await steps.createSync(page, systems, `Accounts ${Date.now()}`);
  console.log("sync");
  await steps.shot(page, "editor");
  await steps.addFilter(page, 'name != "skip"');
  console.log("filter");
  await steps.mapWithTransform(page);
  console.log("mapped");
  await steps.testStep(page, "ACME CORP");
  console.log("tested");
  await steps.publish(page);
  console.log("published");
} catch (e) {
  await steps.shot(page, "failure");
  console.log(e);
} finally {
  await close();
  await sf.close();
}
