import type { ObjectDescriptor } from "../model/describe";
import { objectDescriptorSchema } from "../model/describe";

const field = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  nullable: true,
  ...extra,
});

export const accountA: ObjectDescriptor = objectDescriptorSchema.parse({
  name: "Account",
  primaryKey: "Id",
  fields: [
    field("Id", "id", { createable: false, updateable: false }),
    field("Name", "string"),
    field("AnnualRevenue", "decimal"),
    field("IsActive", "boolean"),
    field("Founded", "date"),
    field("LastModifiedDate", "datetime", { createable: false, updateable: false }),
    field("Erp_Id__c", "string", { externalId: true }),
    field("ParentId", "reference", { referenceTo: ["Account"] }),
  ],
});

export const customerB: ObjectDescriptor = objectDescriptorSchema.parse({
  name: "customers",
  primaryKey: "id",
  fields: [
    field("id", "integer", { createable: false, updateable: false }),
    field("name", "string"),
    field("annual_revenue", "text"),
    field("is_active", "boolean"),
    field("founded", "text"),
    field("sf_id", "string"),
    field("score", "integer"),
  ],
});
