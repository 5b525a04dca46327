import { describe, expect, it } from "vitest";
import { connectorConfigSchema, createConnector } from "./registry";

describe("createConnector", () => {
  it("builds a postgres connector from validated settings, with defaults applied", async () => {
    const connector = createConnector("postgres", { connectionString: "postgresql://localhost/x" });
    try {
      expect(connector.kind).toBe("postgres");
    } finally {
      await connector.close();
    }
    expect(
      connectorConfigSchema("postgres").parse({ host: "h", database: "d", user: "u" }),
    ).toMatchObject({
      port: 5432,
      schema: "public",
      readChangesMode: "timestamp",
    });
  });

  it.each([
    ["unknown type", "oracle", {}, /unknown connector type "oracle"/],
    ["invalid settings", "postgres", { host: "" }, /./],
    [
      "unsafe slot name",
      "postgres",
      { connectionString: "postgresql://h/d", slotName: 'x"; DROP' },
      /./,
    ],
  ])("rejects %s", (_case, type, config, message) => {
    expect(() => createConnector(type, config)).toThrow(message);
  });
});
