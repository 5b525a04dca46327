import { describe, expect, it } from "vitest";
import { ApiError } from "../server/api-error";
import { parseSoql } from "./parser";

describe("SOQL parser", () => {
  it("parses the full supported clause set", () => {
    const q = parseSoql(
      "select Id, Account.Name FROM Contact WHERE (LastName = 'O\\'Brien' OR Email LIKE '%@x.com') AND NOT Amount__c < 5 ORDER BY Account.Name DESC NULLS LAST, Id LIMIT 10 OFFSET 20",
    );
    expect(q.object).toBe("Contact");
    expect(q.fields.map((f) => f.path.join("."))).toEqual(["Id", "Account.Name"]);
    expect(q.limit).toBe(10);
    expect(q.offset).toBe(20);
    expect(q.orderBy).toEqual([
      expect.objectContaining({ descending: true, nullsLast: true }),
      expect.objectContaining({ descending: false, nullsLast: false }),
    ]);
    expect(q.where?.type).toBe("and");
    if (q.where?.type !== "and") return;
    const [or, not] = q.where.items;
    expect(or?.type).toBe("or");
    expect(not?.type).toBe("not");
    if (or?.type === "or") {
      expect(or.items[0]).toMatchObject({
        type: "compare",
        op: "=",
        value: { kind: "string", value: "O'Brien" },
      });
      expect(or.items[1]).toMatchObject({ type: "like", pattern: { value: "%@x.com" } });
    }
  });

  it.each([
    ["Amount > 1.5", { kind: "number", value: 1.5 }],
    ["Amount > -3", { kind: "number", value: -3 }],
    ["IsActive = TRUE", { kind: "boolean", value: true }],
    ["IsActive = false", { kind: "boolean", value: false }],
    ["Name = null", { kind: "null" }],
    ["CloseDate = 2024-02-29", { kind: "date", value: "2024-02-29" }],
    ["CreatedDate > 2024-01-01T00:00:00Z", { kind: "datetime", value: "2024-01-01T00:00:00Z" }],
    [
      "CreatedDate > 2024-01-01T10:00:00.123+02:00",
      { kind: "datetime", value: "2024-01-01T10:00:00.123+02:00" },
    ],
    ["CreatedDate = TODAY", { kind: "dateLiteral", name: "TODAY", n: null }],
    ["CreatedDate = last_n_days:7", { kind: "dateLiteral", name: "LAST_N_DAYS", n: 7 }],
  ])("parses literal in %s", (where, expected) => {
    const q = parseSoql(`SELECT Id FROM Account WHERE ${where}`);
    expect(q.where).toMatchObject({ type: "compare", value: expected });
  });

  it.each([
    ["Id IN ('a', 'b')", { type: "in", negated: false }],
    ["Id NOT IN ('a')", { type: "in", negated: true }],
    ["Name != 'x'", { type: "compare", op: "!=" }],
    ["Name <> 'x'", { type: "compare", op: "!=" }],
    ["Amount >= 1", { type: "compare", op: ">=" }],
    ["Amount <= 1", { type: "compare", op: "<=" }],
  ])("parses operator in %s", (where, expected) => {
    expect(parseSoql(`SELECT Id FROM Account WHERE ${where}`).where).toMatchObject(expected);
  });

  it("parses SELECT COUNT()", () => {
    expect(parseSoql("SELECT COUNT() FROM Lead WHERE Status = 'x'")).toMatchObject({
      count: true,
      fields: [],
    });
  });

  it.each([
    ["SELECT FROM Account", "unexpected token"],
    ["SELECT Id Account", "expected FROM"],
    ["SELECT Id FROM Account WHERE", "unexpected token: '<EOF>'"],
    ["SELECT Id FROM Account WHERE A = 1 AND B = 2 OR C = 3", "parentheses"],
    ["SELECT Id FROM Account GROUP BY Name", "GROUP is not supported"],
    ["SELECT Id, (SELECT Id FROM Contacts) FROM Account", "subqueries"],
    ["SELECT COUNT(Id) FROM Account", "COUNT()"],
    ["SELECT MAX(Amount) FROM Opportunity", "MAX() is not supported"],
    ["SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)", "semi-join"],
    ["SELECT Id FROM Account WHERE Name = 'unterminated", "unterminated"],
    ["SELECT Id FROM Account LIMIT -1", "unexpected token"],
    ["SELECT Id FROM Account a", "aliases"],
    ["SELECT Id FROM Account WHERE Name = 'x' extra", "unexpected token: 'extra'"],
    ["SELECT Id FROM Account WHERE Name # 'x'", "unexpected token: '#'"],
  ])("rejects %j with MALFORMED_QUERY", (soql, reason) => {
    let error: unknown;
    try {
      parseSoql(soql);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiError);
    if (!(error instanceof ApiError)) return;
    expect(error.errorCode).toBe("MALFORMED_QUERY");
    expect(error.status).toBe(400);
    expect(error.message).toContain(reason);
    expect(error.message).toMatch(/ERROR at Row:1:Column:\d+/);
  });
});
