import { describe, expect, it } from "vitest";
import { allowListProblem, hostMatchesPattern, hostsOfConfig } from "./allowed-hosts";

describe("allow-list matching", () => {
  it.each([
    ["db.example.com", "db.example.com", true],
    ["DB.Example.COM.", "db.example.com", true],
    ["eu.db.example.com", "*.example.com", true],
    ["example.com", "*.example.com", false],
    ["evilexample.com", "*.example.com", false],
    ["example.com.evil.io", "*.example.com", false],
    ["10.0.0.5", "10.0.0.5", true],
    ["10.0.0.50", "10.0.0.5", false],
    ["::1", "[::1]", true],
    ["xn--bcher-kva.de", "bücher.de", true],
    ["anything.io", "*", false],
  ])("%s against %s: %s", (host, pattern, expected) => {
    expect(hostMatchesPattern(host, pattern)).toBe(expected);
  });

  it("finds hosts in host fields, URLs and a connection string's ?host=", () => {
    expect(hostsOfConfig({ host: "a.example.com", port: 5432 })).toEqual(["a.example.com"]);
    expect(
      hostsOfConfig({ connectionString: "postgresql://u@a.example.com/db?host=b.example.com" }),
    ).toEqual(["a.example.com", "b.example.com"]);
    expect(
      hostsOfConfig({ instanceUrl: "https://acme.my.salesforce.com", note: "plain text" }),
    ).toEqual(["acme.my.salesforce.com"]);
    expect(hostsOfConfig({ connectionString: "postgresql:///db" })).toEqual(["(no host)"]);
  });

  it("allows everything while empty and refuses unknown or undeterminable hosts once not", () => {
    expect(allowListProblem({ host: "x.io" }, [])).toBeNull();
    expect(allowListProblem({ host: "x.io" }, ["*.example.com"])).toMatch(
      /"x.io" is not on the allow-list/,
    );
    expect(allowListProblem({ schema: "public" }, ["*.example.com"])).toMatch(
      /cannot tell which host/,
    );
    expect(
      allowListProblem({ connectionString: "postgresql:///db" }, ["*.example.com"]),
    ).not.toBeNull();
    expect(allowListProblem({ host: "a.example.com,b.evil.io" }, ["*.example.com"])).toMatch(
      /b.evil.io/,
    );
  });
});
