import type { Catalog, FieldDef, ObjectDef } from "./catalog";

// Builds describeGlobal / describeSObject payloads with the property names and types jsforce's
// DescribeSObjectResult and DescribeGlobalSObjectResult expect.

const SOAP_TYPES: Record<FieldDef["type"], string> = {
  id: "tns:ID",
  reference: "tns:ID",
  string: "xsd:string",
  textarea: "xsd:string",
  email: "xsd:string",
  phone: "xsd:string",
  url: "xsd:string",
  picklist: "xsd:string",
  boolean: "xsd:boolean",
  int: "xsd:int",
  double: "xsd:double",
  currency: "xsd:double",
  percent: "xsd:double",
  date: "xsd:date",
  datetime: "xsd:dateTime",
};

function objectUrls(version: string, obj: ObjectDef): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${obj.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

export function describeGlobalEntry(version: string, obj: ObjectDef) {
  return {
    activateable: false,
    createable: obj.createable,
    custom: obj.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: obj.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: obj.keyPrefix,
    label: obj.label,
    labelPlural: obj.labelPlural,
    layoutable: true,
    mergeable: false,
    mruEnabled: true,
    name: obj.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: obj.deletable,
    updateable: obj.updateable,
    urls: objectUrls(version, obj),
  };
}

export function describeField(field: FieldDef) {
  const isText = SOAP_TYPES[field.type] === "xsd:string";
  return {
    aggregatable: field.type !== "textarea",
    autoNumber: false,
    byteLength: isText || field.type === "id" || field.type === "reference" ? field.length * 3 : 0,
    calculated: field.computedFrom !== null,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: field.caseSensitive,
    compoundFieldName: null,
    controllerName: null,
    createable: field.createable,
    custom: field.custom,
    defaultValue: field.defaultValue,
    defaultValueFormula: null,
    defaultedOnCreate: field.system || field.defaultValue !== null || field.type === "boolean",
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.digits,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: field.externalId,
    extraTypeInfo: null,
    filterable: field.type !== "textarea",
    filteredLookupInfo: null,
    groupable: field.type !== "textarea" && field.type !== "double" && field.type !== "currency",
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: field.type === "id" || field.externalId || field.unique,
    inlineHelpText: null,
    label: field.label,
    length: isText || field.type === "id" || field.type === "reference" ? field.length : 0,
    mask: null,
    maskType: null,
    name: field.name,
    nameField: field.nameField,
    namePointing: false,
    nillable: field.nillable,
    permissionable: !field.system && field.nillable,
    picklistValues: field.picklistValues.map((value) => ({
      active: true,
      defaultValue: value === field.defaultValue,
      label: value,
      validFor: null,
      value,
    })),
    polymorphicForeignKey: false,
    precision: field.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: field.restrictedPicklist,
    scale: field.scale,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[field.type],
    sortable: field.type !== "textarea",
    type: field.type,
    unique: field.unique,
    updateable: field.updateable,
    writeRequiresMasterRead: false,
  };
}

export function describeSObject(catalog: Catalog, version: string, obj: ObjectDef) {
  return {
    ...describeGlobalEntry(version, obj),
    actionOverrides: [],
    childRelationships: catalog.childRelationships(obj).map((rel) => ({
      cascadeDelete: rel.cascadeDelete,
      childSObject: rel.childSObject,
      deprecatedAndHidden: false,
      field: rel.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: rel.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: true,
    fields: obj.fields.map(describeField),
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [],
    searchLayoutable: true,
    supportedScopes: [{ label: "All", name: "everything" }],
  };
}
