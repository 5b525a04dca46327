// Salesforce REST error bodies are arrays of { message, errorCode, fields? }. ApiError carries
// one of those plus the HTTP status, and is the only thing handlers throw on purpose.

export interface SalesforceErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = "ApiError";
  }

  toBody(): SalesforceErrorBody[] {
    const body: SalesforceErrorBody = { message: this.message, errorCode: this.errorCode };
    if (this.fields) body.fields = this.fields;
    return [body];
  }
}

export const notFound = (message = "The requested resource does not exist"): ApiError =>
  new ApiError(404, "NOT_FOUND", message);

export const badRequest = (errorCode: string, message: string, fields?: string[]): ApiError =>
  new ApiError(400, errorCode, message, fields);

/** A per-record DML error, as it appears in SaveResult.errors. */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export const recordError = (
  statusCode: string,
  message: string,
  fields: string[] = [],
): RecordError => ({
  statusCode,
  message,
  fields,
});
