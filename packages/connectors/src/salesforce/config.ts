import { z } from "zod";

const secret = (description: string) => z.string().min(1).describe(description);

const passwordAuth = z.object({
  type: z.literal("password"),
  username: z.string().min(1).describe("Salesforce username (an email-shaped login)."),
  password: secret("Password of that user."),
  securityToken: z
    .string()
    .optional()
    .describe("Security token, appended to the password when the org requires one."),
  clientId: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Connected-app consumer key. With clientSecret: OAuth 2.0 username-password flow; without: SOAP login().",
    ),
  clientSecret: z.string().min(1).optional().describe("Connected-app consumer secret."),
});

const clientCredentialsAuth = z.object({
  type: z.literal("client-credentials"),
  clientId: z.string().min(1).describe("Connected-app consumer key."),
  clientSecret: secret("Connected-app consumer secret."),
});

const jwtAuth = z.object({
  type: z.literal("jwt"),
  clientId: z.string().min(1).describe("Connected-app consumer key (the JWT issuer)."),
  username: z.string().min(1).describe("User the integration acts as (the JWT subject)."),
  privateKey: secret(
    "PEM RSA private key whose certificate is uploaded to the connected app; signs the RS256 assertion.",
  ),
});

export const salesforceAuthSchema = z
  .discriminatedUnion("type", [passwordAuth, clientCredentialsAuth, jwtAuth])
  .describe("How Duplex logs in to the org.");
export type SalesforceAuth = z.infer<typeof salesforceAuthSchema>;

/** Object and field API names, as Salesforce spells them (`Account`, `Invoice__c`). */
const apiName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a Salesforce API name");

/**
 * Settings of one Salesforce org connection. Shared by the API (validation) and the editor forms
 * (rendering), so every field carries a description.
 */
export const salesforceConnectionConfigSchema = z.object({
  loginUrl: z
    .url()
    .default("https://login.salesforce.com")
    .describe(
      "Where to log in: https://login.salesforce.com, https://test.salesforce.com (sandboxes) or a My Domain URL.",
    ),
  instanceUrl: z
    .url()
    .optional()
    .describe("The org's instance URL; normally learned at login, set it only to override."),
  apiVersion: z
    .string()
    .regex(/^\d{2,3}\.0$/, 'a version like "62.0"')
    .default("62.0")
    .describe("REST API version."),
  auth: salesforceAuthSchema,
  bulkThreshold: z
    .number()
    .int()
    .min(0)
    .default(2000)
    .describe(
      "Writes of more rows than this go through Bulk API 2.0; smaller ones through sObject Collections.",
    ),
  collectionBatchSize: z
    .number()
    .int()
    .min(1)
    .max(200)
    .default(200)
    .describe("Records per sObject Collections request (Salesforce allows at most 200)."),
  externalIdFieldByObject: z
    .record(apiName, apiName)
    .optional()
    .describe(
      'Per parent object, the external-ID field that resolves reference values which are not Salesforce Ids: with { Account: "Duplex_Id__c" }, Contact.AccountId may carry an Account\'s Duplex_Id__c.',
    ),
  bulkPollTimeoutMs: z
    .number()
    .int()
    .min(1_000)
    .default(30 * 60_000)
    .describe("How long a Bulk API 2.0 job may run before the write fails as transient."),
  pollIntervalMs: z
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe("How often subscribe() polls SystemModstamp (Salesforce streaming is not used)."),
});
export type SalesforceConnectionConfig = z.infer<typeof salesforceConnectionConfigSchema>;
export type SalesforceConnectionConfigInput = z.input<typeof salesforceConnectionConfigSchema>;

/** The user an error message should name: the username, or the client for client credentials. */
export function principalOf(auth: SalesforceAuth): string {
  return auth.type === "client-credentials" ? `client ${auth.clientId}` : auth.username;
}
