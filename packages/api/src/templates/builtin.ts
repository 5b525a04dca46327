import type { Mapping } from "@duplex/core";
import {
  type BuiltinTemplate,
  type TemplateDefinition,
  templateDefinitionSchema,
} from "./template-definition";

const same = (...fields: string[]): Mapping[] =>
  fields.map((field) => ({ target: field, source: field, transforms: [] }));

const lowerEmail: Mapping = {
  target: "email",
  source: "email",
  transforms: [{ type: "case", to: "lower" }],
};

/**
 * The gallery's built-in templates. Table and field names are conventions the description states;
 * after instantiating, the editor shows (and lets the user fix) anything the real systems lack.
 */
const builtinTemplateList: readonly BuiltinTemplate[] = [
  {
    slug: "pg-pg-customers-sor",
    name: "Postgres ⇄ Postgres customers (SOR)",
    description:
      "Keeps customers(id, name, email, phone) in two Postgres databases in step. A is the system of record and wins conflicts; B stores A's id in customers.source_id.",
    category: "Customers",
    definition: {
      systems: { a: "postgres", b: "postgres" },
      mode: { type: "sor", side: "a" },
      conflictPolicy: "sor-wins",
      objects: [
        {
          key: "customer",
          objectA: "customers",
          objectB: "customers",
          externalIdFieldB: "source_id",
          parents: [],
        },
      ],
      mappings: {
        "a-to-b": [...same("name", "phone"), lowerEmail],
        "b-to-a": [...same("name", "phone"), lowerEmail],
      },
    },
  },
  {
    slug: "pg-salesforce-accounts-sor",
    name: "Postgres ⇄ Salesforce accounts (Salesforce is SOR)",
    description:
      "Syncs Postgres accounts(id, name, phone, website, city) with Salesforce Account. Salesforce is the system of record and wins conflicts; Postgres stores the Account Id in accounts.salesforce_id.",
    category: "CRM",
    definition: {
      systems: { a: "postgres", b: "salesforce" },
      mode: { type: "sor", side: "b" },
      conflictPolicy: "sor-wins",
      objects: [
        {
          key: "account",
          objectA: "accounts",
          objectB: "Account",
          externalIdFieldA: "salesforce_id",
          parents: [],
        },
      ],
      mappings: {
        "a-to-b": [
          { target: "Name", source: "name", transforms: [] },
          { target: "Phone", source: "phone", transforms: [] },
          { target: "Website", source: "website", transforms: [] },
          { target: "BillingCity", source: "city", transforms: [] },
        ],
        "b-to-a": [
          { target: "name", source: "Name", transforms: [] },
          { target: "phone", source: "Phone", transforms: [] },
          { target: "website", source: "Website", transforms: [] },
          { target: "city", source: "BillingCity", transforms: [] },
        ],
      },
    },
  },
  {
    slug: "pg-pg-products-external-id",
    name: "Postgres ⇄ Postgres products (External ID, latest timestamp)",
    description:
      "Two-way sync of products(id, sku, name, description, price, updated_at) matched by their shared sku. Neither side is in charge: the most recent updated_at wins.",
    category: "Catalog",
    definition: {
      systems: { a: "postgres", b: "postgres" },
      mode: { type: "external-id" },
      conflictPolicy: "latest-source-timestamp",
      objects: [
        {
          key: "product",
          objectA: "products",
          objectB: "products",
          externalIdFieldA: "sku",
          externalIdFieldB: "sku",
          updatedAtFieldA: "updated_at",
          updatedAtFieldB: "updated_at",
          parents: [],
        },
      ],
      mappings: {
        "a-to-b": same("name", "description", "price"),
        "b-to-a": same("name", "description", "price"),
      },
    },
  },
];

export interface ParsedBuiltinTemplate extends Omit<BuiltinTemplate, "definition"> {
  definition: TemplateDefinition;
}

/**
 * Parsed at module load: a built-in template that breaks the core schemas fails every import of
 * the API (and its test), never a user's click.
 */
export const builtinTemplates: readonly ParsedBuiltinTemplate[] = builtinTemplateList.map(
  (template) => {
    const parsed = templateDefinitionSchema.safeParse(template.definition);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new Error(`Built-in template '${template.slug}' is invalid: ${issues.join("; ")}`);
    }
    return { ...template, definition: parsed.data };
  },
);
