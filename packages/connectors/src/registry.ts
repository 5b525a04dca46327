import type { z } from "zod";
import { createPostgresConnector, postgresConnectionConfigSchema } from "./postgres";
import { createSalesforceConnector, salesforceConnectionConfigSchema } from "./salesforce";
import type { Connector } from "./types";

/**
 * One registry entry. `build` parses and creates in one step, so callers holding a type name
 * chosen at runtime need no cast to pair a schema's output with its factory.
 */
function connectorType<Output, Input>(
  configSchema: z.ZodType<Output, Input>,
  create: (config: Output) => Connector,
) {
  return {
    configSchema,
    create,
    build: (config: unknown): Connector => create(configSchema.parse(config)),
  };
}

/**
 * Every connector type Duplex knows: the zod schema of its connection settings (the API validates
 * with it, the editor renders forms from it) and its factory. Add a type by adding an entry.
 */
export const connectorTypes = {
  postgres: connectorType(postgresConnectionConfigSchema, createPostgresConnector),
  salesforce: connectorType(salesforceConnectionConfigSchema, createSalesforceConnector),
} as const;

export type ConnectorType = keyof typeof connectorTypes;

export function isConnectorType(type: string): type is ConnectorType {
  return Object.hasOwn(connectorTypes, type);
}

export function connectorConfigSchema(type: ConnectorType): z.ZodType {
  return connectorTypes[type].configSchema;
}

/** Validates `config` with the type's schema and builds the connector. */
export function createConnector(type: string, config: unknown): Connector {
  if (!isConnectorType(type)) {
    throw new Error(
      `unknown connector type "${type}" (known: ${Object.keys(connectorTypes).join(", ")})`,
    );
  }
  return connectorTypes[type].build(config);
}
