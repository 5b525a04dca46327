import { describe, expect, it } from "vitest";
import { makeSync } from "./fixtures.test-support";
import { ObjectOrderError, orderObjects, planChildRecord } from "./object-order";

const obj = (key: string, ...parents: string[]) => ({
  key,
  parents: parents.map((object) => ({ object, fieldA: "p", fieldB: "p" })),
});

describe("orderObjects", () => {
  it.each<[string, ReturnType<typeof obj>[], string[]]>([
    ["already ordered", [obj("account"), obj("contact", "account")], ["account", "contact"]],
    ["child declared first", [obj("contact", "account"), obj("account")], ["account", "contact"]],
    [
      "keeps declared order of independent objects",
      [obj("b"), obj("a"), obj("c")],
      ["b", "a", "c"],
    ],
    [
      "diamond",
      [obj("line", "order", "product"), obj("order", "account"), obj("product"), obj("account")],
      ["product", "account", "order", "line"],
    ],
    ["self reference ignored", [obj("node", "node")], ["node"]],
    ["unknown parent ignored", [obj("x", "ghost")], ["x"]],
  ])("%s", (_name, objects, expected) => {
    expect(orderObjects(objects).map((o) => o.key)).toEqual(expected);
  });

  it("throws on a cycle, naming it", () => {
    expect(() => orderObjects([obj("a", "c"), obj("b", "a"), obj("c", "b")])).toThrow(
      ObjectOrderError,
    );
    expect(() => orderObjects([obj("a", "b"), obj("b", "a")])).toThrow(/a -> b -> a/);
  });
});

describe("planChildRecord", () => {
  const sync = makeSync();
  const links: Record<string, string> = { "account:A-1": "B-1", "account:B-1": "A-1" };
  const resolveReference = (object: string, key: string) => links[`${object}:${key}`];

  it.each<[string, "a-to-b" | "b-to-a", Record<string, unknown>, unknown]>([
    [
      "linked parent A to B",
      "a-to-b",
      { AccountId: "A-1" },
      { status: "ready", setFields: { customer_id: "B-1" } },
    ],
    [
      "linked parent B to A",
      "b-to-a",
      { customer_id: "B-1" },
      { status: "ready", setFields: { AccountId: "A-1" } },
    ],
    [
      "no parent",
      "a-to-b",
      { AccountId: null },
      { status: "ready", setFields: { customer_id: null } },
    ],
    [
      "parent not linked yet",
      "a-to-b",
      { AccountId: "A-2" },
      {
        status: "deferred",
        outcome: "deferred",
        missing: [{ field: "customer_id", object: "account", sourceKey: "A-2" }],
      },
    ],
    [
      "numeric key",
      "a-to-b",
      { AccountId: 5 },
      {
        status: "deferred",
        outcome: "deferred",
        missing: [{ field: "customer_id", object: "account", sourceKey: "5" }],
      },
    ],
  ])("%s", (_name, direction, sourceRecord, expected) => {
    expect(
      planChildRecord({ sync, objectKey: "contact", direction, sourceRecord, resolveReference }),
    ).toEqual(expected);
  });

  it("objects without parents are always ready", () => {
    expect(
      planChildRecord({
        sync,
        objectKey: "account",
        direction: "a-to-b",
        sourceRecord: {},
        resolveReference,
      }),
    ).toEqual({ status: "ready", setFields: {} });
  });
});
