import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSalesforceConnector } from "./connector";
import { rejection, type SalesforceFixture, salesforceFixture } from "./test-support";

describe("the daily API limit", () => {
  let fx: SalesforceFixture;
  beforeAll(async () => {
    // Logins are not metered; describe, then one collections batch, use the allowance up.
    fx = await salesforceFixture({ dailyLimit: 2 });
  });
  afterAll(async () => fx?.close());

  it("fails a call as transient when nothing could be written, and later batches per record", async () => {
    const sf = fx.connector({ collectionBatchSize: 100 });
    const rows = Array.from({ length: 250 }, (_, i) => ({ Name: `r${i}` }));
    const outcomes = await sf.upsert("Account", rows, { matchField: "Id" });
    expect(outcomes.slice(0, 100).every((o) => o.ok)).toBe(true);
    expect(outcomes.slice(100)).toHaveLength(150);
    for (const o of outcomes.slice(100)) {
      expect(o).toMatchObject({
        ok: false,
        error: { code: "REQUEST_LIMIT_EXCEEDED", transient: true },
      });
    }
    const error = await rejection(sf.readAll("Account", { cursor: null, pageSize: 10 }));
    expect(error).toMatchObject({
      name: "ConnectorError",
      code: "REQUEST_LIMIT_EXCEEDED",
      transient: true,
    });
  });
});

describe("server errors", () => {
  let server: Server;
  let url = "";
  beforeAll(async () => {
    // Logs in fine, then answers every data call with an HTML 503 page, as a maintenance window does.
    server = createServer((req, res) => {
      if (req.url?.startsWith("/services/oauth2/token")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ access_token: "00D!token", instance_url: url }));
        return;
      }
      res.writeHead(503, { "content-type": "text/html" });
      res.end("<html>Down for maintenance</html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it("are transient ConnectorErrors", async () => {
    const sf = createSalesforceConnector({
      loginUrl: url,
      auth: { type: "client-credentials", clientId: "c", clientSecret: "s" },
    });
    const error = await rejection(sf.describeObject("Account"));
    expect(error).toMatchObject({
      name: "ConnectorError",
      code: "ERROR_HTTP_503",
      transient: true,
    });
  });
});
