import {
  type FieldFileEntry,
  type FieldType,
  loadSchemaFile,
  type SchemaFile,
} from "./schema-file";

// The in-memory catalog of objects and fields, with system fields added and case-insensitive
// lookups (Salesforce API names are case-insensitive everywhere: URLs, SOQL, JSON bodies).

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  precision: number;
  scale: number;
  digits: number;
  nillable: boolean;
  required: boolean;
  createable: boolean;
  updateable: boolean;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  nameField: boolean;
  custom: boolean;
  picklistValues: string[];
  restrictedPicklist: boolean;
  defaultValue: string | number | boolean | null;
  referenceTo: string[];
  relationshipName: string | null;
  deleteBehavior: "cascade" | "setNull" | null;
  computedFrom: string[] | null;
  system: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: FieldDef[];
  fieldByLowerName: Map<string, FieldDef>;
  fieldByLowerRelationship: Map<string, FieldDef>;
}

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string | null;
  cascadeDelete: boolean;
}

const stringLikeDefaults: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  email: 80,
  phone: 40,
  url: 255,
  textarea: 32000,
  string: 255,
  picklist: 255,
};

function buildField(entry: FieldFileEntry, system: boolean): FieldDef {
  const computed = entry.computedFrom ?? null;
  const readOnly = computed !== null;
  const createable = !readOnly && (entry.createable ?? true);
  const isBoolean = entry.type === "boolean";
  return {
    name: entry.name,
    label: entry.label,
    type: entry.type,
    length: entry.length ?? stringLikeDefaults[entry.type] ?? 0,
    precision: entry.precision ?? 0,
    scale: entry.scale ?? 0,
    digits: entry.digits ?? 0,
    // Booleans are never nillable in Salesforce; required fields aren't either.
    nillable: !(entry.required ?? false) && !isBoolean && entry.type !== "id",
    required: entry.required ?? false,
    createable,
    updateable: !readOnly && (entry.updateable ?? true),
    externalId: entry.externalId ?? false,
    unique: entry.unique ?? false,
    caseSensitive: entry.caseSensitive ?? false,
    nameField: entry.nameField ?? false,
    custom: entry.name.endsWith("__c"),
    picklistValues: entry.picklistValues ?? [],
    restrictedPicklist: entry.restrictedPicklist ?? false,
    defaultValue: entry.defaultValue ?? null,
    referenceTo: entry.referenceTo ?? [],
    relationshipName: entry.relationshipName ?? null,
    deleteBehavior: entry.type === "reference" ? (entry.deleteBehavior ?? "setNull") : null,
    computedFrom: computed,
    system,
  };
}

const systemFieldsBefore: FieldFileEntry[] = [
  { name: "Id", label: "Record ID", type: "id", createable: false, updateable: false },
  { name: "IsDeleted", label: "Deleted", type: "boolean", createable: false, updateable: false },
];

const systemFieldsAfter: FieldFileEntry[] = [
  {
    name: "CreatedDate",
    label: "Created Date",
    type: "datetime",
    createable: false,
    updateable: false,
  },
  {
    name: "CreatedById",
    label: "Created By ID",
    type: "reference",
    referenceTo: ["User"],
    relationshipName: "CreatedBy",
    createable: false,
    updateable: false,
  },
  {
    name: "LastModifiedDate",
    label: "Last Modified Date",
    type: "datetime",
    createable: false,
    updateable: false,
  },
  {
    name: "LastModifiedById",
    label: "Last Modified By ID",
    type: "reference",
    referenceTo: ["User"],
    relationshipName: "LastModifiedBy",
    createable: false,
    updateable: false,
  },
  {
    name: "SystemModstamp",
    label: "System Modstamp",
    type: "datetime",
    createable: false,
    updateable: false,
  },
];

export class Catalog {
  readonly objects: ObjectDef[];
  private readonly byLowerName = new Map<string, ObjectDef>();
  private readonly byKeyPrefix = new Map<string, ObjectDef>();

  constructor(file: SchemaFile) {
    this.objects = file.objects.map((entry) => {
      const fields = [
        ...systemFieldsBefore.map((f) => buildField(f, true)),
        ...entry.fields.map((f) => buildField(f, false)),
        ...systemFieldsAfter.map((f) => buildField(f, true)),
      ];
      const fieldByLowerName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
      const fieldByLowerRelationship = new Map<string, FieldDef>();
      for (const f of fields) {
        if (f.relationshipName) fieldByLowerRelationship.set(f.relationshipName.toLowerCase(), f);
      }
      return {
        name: entry.name,
        label: entry.label,
        labelPlural: entry.labelPlural,
        keyPrefix: entry.keyPrefix,
        custom: entry.name.endsWith("__c"),
        createable: entry.createable ?? true,
        updateable: entry.updateable ?? true,
        deletable: entry.deletable ?? true,
        fields,
        fieldByLowerName,
        fieldByLowerRelationship,
      };
    });
    for (const obj of this.objects) {
      if (this.byLowerName.has(obj.name.toLowerCase()))
        throw new Error(`duplicate object ${obj.name}`);
      if (this.byKeyPrefix.has(obj.keyPrefix))
        throw new Error(`duplicate key prefix ${obj.keyPrefix}`);
      this.byLowerName.set(obj.name.toLowerCase(), obj);
      this.byKeyPrefix.set(obj.keyPrefix, obj);
    }
    for (const obj of this.objects) {
      for (const f of obj.fields) {
        for (const target of f.referenceTo) {
          if (!this.byLowerName.has(target.toLowerCase())) {
            throw new Error(`${obj.name}.${f.name} references unknown object ${target}`);
          }
        }
      }
    }
  }

  static load(path?: URL | string): Catalog {
    return new Catalog(loadSchemaFile(path));
  }

  object(name: string): ObjectDef | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  objectByKeyPrefix(prefix: string): ObjectDef | undefined {
    return this.byKeyPrefix.get(prefix);
  }

  childRelationships(parent: ObjectDef): ChildRelationship[] {
    const out: ChildRelationship[] = [];
    for (const child of this.objects) {
      for (const f of child.fields) {
        if (f.type !== "reference" || !f.referenceTo.includes(parent.name) || f.system) continue;
        out.push({
          childSObject: child.name,
          field: f.name,
          relationshipName: childRelationshipName(child),
          cascadeDelete: f.deleteBehavior === "cascade",
        });
      }
    }
    return out;
  }
}

/** Salesforce names child relationships by the plural object name ("Contacts", "Invoices__r"). */
function childRelationshipName(child: ObjectDef): string {
  if (child.custom) return `${child.labelPlural.replace(/[^A-Za-z0-9]/g, "_")}__r`;
  return child.name === "Opportunity" ? "Opportunities" : `${child.name}s`;
}
