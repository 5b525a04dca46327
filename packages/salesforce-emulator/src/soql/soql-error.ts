import { ApiError } from "../server/api-error";

/** A SOQL error formatted the way Salesforce reports them: query, caret, row/column, reason. */
export function soqlError(errorCode: string, soql: string, pos: number, reason: string): ApiError {
  const before = soql.slice(0, pos);
  const row = before.split("\n").length;
  const column = pos - (before.lastIndexOf("\n") + 1) + 1;
  const line = soql.split("\n")[row - 1] ?? "";
  const caret = `${" ".repeat(Math.max(0, column - 1))}^`;
  return new ApiError(
    400,
    errorCode,
    `\n${line}\n${caret}\nERROR at Row:${row}:Column:${column}\n${reason}`,
  );
}
