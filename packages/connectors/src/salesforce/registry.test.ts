import { describe, expect, it } from "vitest";
import { connectorConfigSchema, createConnector } from "../registry";

describe("salesforce in the registry", () => {
  it("builds a connector from validated settings, with defaults applied", async () => {
    const connector = createConnector("salesforce", {
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
    });
    try {
      expect(connector.kind).toBe("salesforce");
    } finally {
      await connector.close();
    }
    expect(
      connectorConfigSchema("salesforce").parse({
        auth: { type: "password", username: "u@x.com", password: "p" },
      }),
    ).toMatchObject({
      loginUrl: "https://login.salesforce.com",
      apiVersion: "62.0",
      bulkThreshold: 2000,
      collectionBatchSize: 200,
    });
  });

  it.each([
    ["an unknown auth type", { auth: { type: "saml" } }],
    [
      "a collection batch over 200",
      {
        auth: { type: "client-credentials", clientId: "a", clientSecret: "b" },
        collectionBatchSize: 201,
      },
    ],
    ["a JWT without a key", { auth: { type: "jwt", clientId: "a", username: "u" } }],
    [
      "a bad API version",
      { auth: { type: "client-credentials", clientId: "a", clientSecret: "b" }, apiVersion: "v62" },
    ],
    [
      "an unsafe external-ID field",
      {
        auth: { type: "client-credentials", clientId: "a", clientSecret: "b" },
        externalIdFieldByObject: { Account: "X; DROP" },
      },
    ],
  ])("rejects %s", (_case, config) => {
    expect(() => createConnector("salesforce", config)).toThrow();
  });
});
