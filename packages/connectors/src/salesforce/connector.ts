import type { ObjectDescriptor } from "@duplex/core";
import type { Connector, SubscribeOptions, Subscription } from "../types";
import { ConnectorError } from "../types";
import {
  type SalesforceConnectionConfig,
  type SalesforceConnectionConfigInput,
  salesforceConnectionConfigSchema,
} from "./config";
import { DescribeCache } from "./describe";
import { toConnectorError } from "./errors";
import { readAll, readByKeys, readChanges } from "./read";
import { SalesforceSession } from "./session";
import { subscribeByPolling } from "./subscribe";
import { deleteRows, insertRows, upsertRows } from "./write";

export interface SalesforceConnector extends Connector {
  readonly kind: "salesforce";
  readonly config: SalesforceConnectionConfig;
  /** Polls SystemModstamp every `pollIntervalMs` (no CometD streaming); see subscribe.ts. */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** The session (login count, raw requests), for diagnostics and tests. */
  readonly session: SalesforceSession;
}

/** Keeps ConnectorErrors; names the operation on anything else (zod failures of a response). */
async function guard<T>(context: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toConnectorError(error, context);
  }
}

/**
 * A Salesforce org through jsforce. Logs in on first use, with the configured flow (password via
 * SOAP or OAuth, client credentials, or a JWT bearer assertion), and again once when a session
 * expires mid-call.
 */
export function createSalesforceConnector(
  input: SalesforceConnectionConfigInput,
): SalesforceConnector {
  const config = salesforceConnectionConfigSchema.parse(input);
  const session = new SalesforceSession(config);
  const describes = new DescribeCache(session);

  const connector: SalesforceConnector = {
    kind: "salesforce",
    config,
    session,
    test: () =>
      guard("test", async () => {
        // /limits is the cheapest authenticated call; it also proves the API is enabled.
        await session.request("test", "GET", "/limits");
      }),
    describe: () => guard("describe", () => describes.all()),
    describeObject: (object): Promise<ObjectDescriptor> =>
      guard(`describe ${object}`, async () => (await describes.object(object)).descriptor),
    readChanges: (object, options) =>
      guard(`read changes of ${object}`, async () =>
        readChanges(session, await describes.object(object), options),
      ),
    readAll: (object, options) =>
      guard(`read ${object}`, async () =>
        readAll(session, await describes.object(object), options),
      ),
    readByKeys: (object, field, keys) =>
      guard(`read ${object} by ${field}`, async () =>
        keys.length === 0 ? [] : readByKeys(session, await describes.object(object), field, keys),
      ),
    upsert: (object, rows, options) =>
      guard(`upsert into ${object}`, async () =>
        rows.length === 0
          ? []
          : upsertRows(session, config, await describes.object(object), rows, options),
      ),
    insert: (object, rows) =>
      guard(`insert into ${object}`, async () =>
        rows.length === 0 ? [] : insertRows(session, config, await describes.object(object), rows),
      ),
    delete: (object, keys) =>
      guard(`delete from ${object}`, async () =>
        keys.length === 0 ? [] : deleteRows(session, config, await describes.object(object), keys),
      ),
    subscribe: (options) =>
      guard("subscribe", async () => {
        await Promise.all(options.objects.map((o) => describes.object(o)));
        return subscribeByPolling(
          (object, read) => connector.readChanges(object, read),
          options,
          config.pollIntervalMs,
        );
      }),
    close: () => session.close(),
  };
  return connector;
}

export { ConnectorError };
