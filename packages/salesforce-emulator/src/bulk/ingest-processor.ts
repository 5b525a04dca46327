import type { DmlOutcome, UnitOfWork } from "../records/unit-of-work";
import type { ObjectDef } from "../schema/catalog";
import type { RecordError } from "../server/api-error";

// Applies one ingest job's CSV rows through the same DML engine as the REST API, so bulk loads
// get identical validation, IDs and system fields.

export type IngestOperation = "insert" | "update" | "upsert" | "delete" | "hardDelete";

export interface RowResult {
  row: Record<string, string>;
  outcome: DmlOutcome;
}

/** Bulk 2.0 null marker; an empty cell means "leave unchanged". */
const NULL_MARKER = "#N/A";

export function rowToInput(row: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (cell === "") continue;
    const value = cell === NULL_MARKER ? null : cell;
    const dot = column.indexOf(".");
    if (dot > 0) {
      // "Account.Duplex_Id__c" sets the lookup through the parent's external ID.
      input[column.slice(0, dot)] = { [column.slice(dot + 1)]: value };
    } else {
      input[column] = value;
    }
  }
  return input;
}

function columnValue(row: Record<string, string>, name: string): string {
  const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? (row[key] ?? "") : "";
}

export async function applyRow(
  uow: UnitOfWork,
  def: ObjectDef,
  operation: IngestOperation,
  externalIdFieldName: string | null,
  row: Record<string, string>,
): Promise<DmlOutcome> {
  const input = rowToInput(row);
  switch (operation) {
    case "insert":
      return uow.create(def, input);
    case "update":
      return uow.update(def, columnValue(row, "Id"), input);
    case "upsert":
      return uow.upsert(
        def,
        externalIdFieldName ?? "Id",
        columnValue(row, externalIdFieldName ?? "Id"),
        input,
      );
    case "delete":
    case "hardDelete":
      return uow.remove(def, columnValue(row, "Id"));
  }
}

/** Salesforce's sf__Error cell: "STATUS_CODE:message:field1,field2 --". */
export function formatBulkError(errors: RecordError[]): string {
  return errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.join(",")} --`).join(" ");
}
