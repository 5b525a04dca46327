import { connectorTypes } from "@duplex/connectors";
import { z } from "zod";
import { requireRole, router } from "../trpc";

/**
 * The connector types the server knows, with each one's settings as JSON Schema (from its zod
 * schema), so the connections page renders a form for every registered type without importing
 * connector code (and its drivers) into the browser.
 */
export const connectorTypesRouter = router({
  list: requireRole("viewer").query(() =>
    Object.entries(connectorTypes).map(([type, entry]) => ({
      type,
      settingsSchema: z.toJSONSchema(entry.configSchema, { io: "input", unrepresentable: "any" }),
    })),
  ),
});
