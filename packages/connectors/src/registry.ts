import type { z } from "zod";
import { createPostgresConnector, postgresConnectionConfigSchema } from "./postgres";
import type { Connector } from "./types";

/**
 * Every connector type Duplex knows: the zod schema of its connection settings (the API validates
 * with it, the editor renders forms from it) and its factory. Add a type by adding an entry.
 */
export const connectorTypes = {
  postgres: {
    configSchema: postgresConnectionConfigSchema,
    create: (config: z.input<typeof postgresConnectionConfigSchema>): Connector =>
      createPostgresConnector(config),
  },
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
  const entry = connectorTypes[type];
  return entry.create(entry.configSchema.parse(config));
}
