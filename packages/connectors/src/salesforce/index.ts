export {
  type SalesforceAuth,
  type SalesforceConnectionConfig,
  type SalesforceConnectionConfigInput,
  salesforceAuthSchema,
  salesforceConnectionConfigSchema,
} from "./config";
export { createSalesforceConnector, type SalesforceConnector } from "./connector";
export { soqlString } from "./soql";
