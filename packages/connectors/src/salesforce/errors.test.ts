import { describe, expect, it } from "vitest";
import { parseBulkErrors, toCsv } from "./bulk-csv";
import { isTransientCode, recordErrorInfo, toConnectorError } from "./errors";

describe("transient classification", () => {
  it.each([
    ["REQUEST_LIMIT_EXCEEDED", true],
    ["UNABLE_TO_LOCK_ROW", true],
    ["SERVER_UNAVAILABLE", true],
    ["UNKNOWN_EXCEPTION", true],
    ["ERROR_HTTP_500", true],
    ["ERROR_HTTP_503", true],
    ["ERROR_HTTP_429", true],
    ["ECONNRESET", true],
    ["ECONNREFUSED", true],
    ["ENOTFOUND", false],
    ["ERROR_HTTP_404", false],
    ["REQUIRED_FIELD_MISSING", false],
    ["FIELD_CUSTOM_VALIDATION_EXCEPTION", false],
    ["INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", false],
    ["DUPLICATE_VALUE", false],
    ["INVALID_SESSION_ID", false],
  ])("%s → %s", (code, transient) => {
    expect(isTransientCode(code)).toBe(transient);
  });

  it("classifies per-record errors by their first code and keeps every field", () => {
    expect(
      recordErrorInfo([
        { code: "UNABLE_TO_LOCK_ROW", message: "unable to obtain exclusive access", fields: [] },
        { code: "REQUIRED_FIELD_MISSING", message: "Required: Name", fields: ["Name"] },
      ]),
    ).toEqual({
      code: "UNABLE_TO_LOCK_ROW",
      message: "unable to obtain exclusive access; Required: Name",
      transient: true,
      fields: ["Name"],
    });
  });

  it("wraps jsforce and socket errors with their code", () => {
    const jsforce = Object.assign(new Error("TotalRequests Limit exceeded."), {
      errorCode: "REQUEST_LIMIT_EXCEEDED",
    });
    expect(toConnectorError(jsforce, "query")).toMatchObject({
      code: "REQUEST_LIMIT_EXCEEDED",
      transient: true,
      message: "query: TotalRequests Limit exceeded.",
    });
    const socket = new TypeError("fetch failed", {
      cause: Object.assign(new Error("x"), { code: "ECONNRESET" }),
    });
    expect(toConnectorError(socket, "q")).toMatchObject({ code: "ECONNRESET", transient: true });
  });
});

describe("Bulk API CSV", () => {
  it.each([
    [
      "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --",
      [
        {
          code: "REQUIRED_FIELD_MISSING",
          message: "Required fields are missing: [Name]",
          fields: ["Name"],
        },
      ],
    ],
    [
      "UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record: --",
      [
        {
          code: "UNABLE_TO_LOCK_ROW",
          message: "unable to obtain exclusive access to this record",
          fields: [],
        },
      ],
    ],
    [
      "A:first:X,Y -- B:second: time 10:30:Z --",
      [
        { code: "A", message: "first", fields: ["X", "Y"] },
        { code: "B", message: "second: time 10:30", fields: ["Z"] },
      ],
    ],
    ["garbage", [{ code: "UNKNOWN_EXCEPTION", message: "garbage", fields: [] }]],
  ])("parses sf__Error %j", (text, expected) => {
    expect(parseBulkErrors(text)).toEqual(expected);
  });

  it("quotes every cell and marks nulls, leaving absent values empty", () => {
    expect(
      toCsv(["Id", "Name", "Note"], [{ Id: "1", Name: 'a "b", c', Note: null }, { Name: "x\ny" }]),
    ).toBe('"Id","Name","Note"\n"1","a ""b"", c","#N/A"\n"","x\ny",""\n');
  });
});
