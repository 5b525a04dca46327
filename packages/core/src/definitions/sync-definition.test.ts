import { describe, expect, it } from "vitest";
import { syncDefinitionSchema } from "./sync-definition";

const pair = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  objectA: key,
  objectB: key,
  externalIdFieldA: "ext_a",
  externalIdFieldB: "ext_b",
  updatedAtFieldA: "updated_a",
  updatedAtFieldB: "updated_b",
  versionFieldA: "v_a",
  versionFieldB: "v_b",
  ...extra,
});

const base = {
  schemaVersion: 1,
  name: "s",
  connectionA: "a",
  connectionB: "b",
  mode: { type: "sor", side: "a" },
  conflictPolicy: "sor-wins",
  objects: [pair("account")],
};

const messages = (input: unknown) => {
  const result = syncDefinitionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("syncDefinitionSchema", () => {
  it("accepts a valid SOR sync and fills defaults", () => {
    const sync = syncDefinitionSchema.parse(base);
    expect(sync.objects[0]?.parents).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, RegExp[]]>([
    [
      "SOR A needs B's external ID",
      { objects: [pair("account", { externalIdFieldB: undefined })] },
      [/objects\.0\.externalIdFieldB: SOR mode/],
    ],
    [
      "SOR B needs A's external ID",
      {
        mode: { type: "sor", side: "b" },
        objects: [pair("account", { externalIdFieldA: undefined })],
      },
      [/externalIdFieldA: SOR mode/],
    ],
    [
      "external-id mode needs both",
      {
        mode: { type: "external-id" },
        conflictPolicy: "version-number",
        objects: [pair("account", { externalIdFieldA: undefined, externalIdFieldB: undefined })],
      },
      [/externalIdFieldA: External-ID mode/, /externalIdFieldB: External-ID mode/],
    ],
    [
      "sor-wins needs SOR mode",
      { mode: { type: "external-id" } },
      [/conflictPolicy: sor-wins needs SOR mode/],
    ],
    [
      "timestamps need fields",
      {
        conflictPolicy: "latest-source-timestamp",
        objects: [pair("account", { updatedAtFieldB: undefined })],
      },
      [/updatedAtFieldB: latest-source-timestamp needs/],
    ],
    [
      "versions need fields",
      {
        conflictPolicy: "version-number",
        objects: [pair("account", { versionFieldA: undefined })],
      },
      [/versionFieldA: version-number needs/],
    ],
    [
      "duplicate keys",
      { objects: [pair("account"), pair("account")] },
      [/objects\.1\.key: Duplicate object key/],
    ],
    [
      "unknown parent",
      { objects: [pair("contact", { parents: [{ object: "acct", fieldA: "x", fieldB: "y" }] })] },
      [/parents\.0\.object: Unknown parent object 'acct'/],
    ],
    [
      "self parent",
      { objects: [pair("node", { parents: [{ object: "node", fieldA: "x", fieldB: "y" }] })] },
      [/own parent/],
    ],
    [
      "parent cycle",
      {
        objects: [
          pair("x", { parents: [{ object: "y", fieldA: "p", fieldB: "p" }] }),
          pair("y", { parents: [{ object: "x", fieldA: "p", fieldB: "p" }] }),
        ],
      },
      [/Parent cycle: x -> y -> x/],
    ],
    ["bad object key", { objects: [pair("Account")] }, [/objects\.0\.key: Use lower-case/]],
    ["no objects", { objects: [] }, [/objects/]],
  ])("%s", (_name, override, expected) => {
    const found = messages({ ...base, ...override });
    for (const pattern of expected)
      expect(
        found.some((m) => pattern.test(m)),
        found.join("\n"),
      ).toBe(true);
  });

  it("reports every problem, not just the first", () => {
    const found = messages({
      ...base,
      mode: { type: "external-id" },
      objects: [
        pair("a", {
          externalIdFieldA: undefined,
          parents: [{ object: "zz", fieldA: "x", fieldB: "y" }],
        }),
      ],
    });
    expect(found.length).toBe(3);
  });
});
