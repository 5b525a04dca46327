import type { ObjectDescriptor } from "@duplex/core";
import { z } from "zod";
import { ConnectorError } from "../types";
import type { SalesforceSession } from "./session";
import { API_NAME } from "./soql";
import { type SfField, sfDescribeSchema, toObjectDescriptor } from "./type-map";

/** Describes are cached briefly: every write needs one, and schemas rarely change mid-run. */
const DESCRIBE_TTL_MS = 30_000;
/** describe() fans out one request per object; keep the org's concurrent request count low. */
const DESCRIBE_CONCURRENCY = 4;

/** An object as the connector sees it: the Duplex descriptor plus Salesforce's own field details. */
export interface SalesforceObject {
  descriptor: ObjectDescriptor;
  fields: SfField[];
  /** First three characters of this object's record Ids (`001` for Account). */
  keyPrefix: string | null;
  /** Field by lower-cased name: Salesforce API names are case-insensitive. */
  field(name: string): SfField | undefined;
}

const globalSchema = z.object({
  sobjects: z.array(
    z.object({
      name: z.string(),
      queryable: z.boolean(),
      retrieveable: z.boolean().default(true),
      replicateable: z.boolean().default(true),
      deprecatedAndHidden: z.boolean().default(false),
    }),
  ),
});

export function salesforceObject(raw: unknown): SalesforceObject {
  const parsed = sfDescribeSchema.parse(raw);
  const byName = new Map(parsed.fields.map((f) => [f.name.toLowerCase(), f]));
  return {
    descriptor: toObjectDescriptor(parsed),
    fields: parsed.fields,
    keyPrefix: parsed.keyPrefix ?? null,
    field: (name) => byName.get(name.toLowerCase()),
  };
}

export class DescribeCache {
  private readonly cache = new Map<string, { at: number; object: Promise<SalesforceObject> }>();

  constructor(private readonly session: SalesforceSession) {}

  object(name: string): Promise<SalesforceObject> {
    if (!API_NAME.test(name)) {
      return Promise.reject(
        new ConnectorError(`"${name}" is not a Salesforce object name`, "unknown_object", false),
      );
    }
    const key = name.toLowerCase();
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < DESCRIBE_TTL_MS) return hit.object;
    const object = this.load(name);
    this.cache.set(key, { at: Date.now(), object });
    object.catch(() => this.cache.delete(key));
    return object;
  }

  private async load(name: string): Promise<SalesforceObject> {
    try {
      const raw = await this.session.request(
        `describe ${name}`,
        "GET",
        `/sobjects/${encodeURIComponent(name)}/describe`,
      );
      return salesforceObject(raw);
    } catch (error) {
      if (error instanceof ConnectorError && error.code === "NOT_FOUND") {
        throw new ConnectorError(
          `Salesforce has no object "${name}" (or this user cannot see it)`,
          "unknown_object",
          false,
          { cause: error },
        );
      }
      throw error;
    }
  }

  /**
   * Every object Duplex can sync: queryable, retrievable and replicateable (the objects whose
   * changes Salesforce tracks by SystemModstamp). In a real org these are hundreds; each costs
   * one describe call.
   */
  async all(): Promise<ObjectDescriptor[]> {
    const global = globalSchema.parse(await this.session.request("describe", "GET", "/sobjects"));
    const names = global.sobjects
      .filter((o) => o.queryable && o.retrieveable && o.replicateable && !o.deprecatedAndHidden)
      .map((o) => o.name)
      .filter((n) => API_NAME.test(n));
    const out: ObjectDescriptor[] = new Array(names.length);
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const index = next++;
        const name = names[index];
        if (name !== undefined) out[index] = (await this.object(name)).descriptor;
      }
    };
    await Promise.all(Array.from({ length: DESCRIBE_CONCURRENCY }, worker));
    return out;
  }
}
