import {
  type FieldDescriptor,
  inferChain,
  kindOfFieldType,
  type Mapping,
  type ObjectDescriptor,
  type Transform,
  type TransformType,
  targetAccepts,
} from "@duplex/core";

/** A minimal valid transform of each type, for "add transform". */
export function newTransform(type: TransformType, objectKey: string): Transform {
  switch (type) {
    case "cast":
      return { type, to: "string" };
    case "replace":
      return { type, values: {}, caseInsensitive: false, unmatched: "keep" };
    case "calc":
      return { type, expression: "$value" };
    case "split":
      return { type, separator: ",", trim: true };
    case "join":
      return { type, separator: " ", skipEmpty: true };
    case "case":
      return { type, to: "upper" };
    case "trim":
      return { type, collapseWhitespace: false };
    case "default":
      return { type, value: "", when: "empty" };
    case "date-format":
      return { type, pattern: "yyyy-MM-dd" };
    case "escape":
      return { type, format: "html" };
    case "encode":
      return { type, format: "base64" };
    case "reference":
      return { type, object: objectKey };
  }
}

export const transformTypes: readonly TransformType[] = [
  "cast",
  "trim",
  "case",
  "replace",
  "default",
  "split",
  "join",
  "date-format",
  "calc",
  "escape",
  "encode",
  "reference",
];

function field(descriptor: ObjectDescriptor | null, name: string | undefined) {
  if (!descriptor || !name) return undefined;
  return descriptor.fields.find((f) => f.name === name);
}

/** What the editor warns about before validation runs: missing fields and type mismatches. */
export function mappingWarnings(
  mapping: Mapping,
  source: ObjectDescriptor | null,
  target: ObjectDescriptor | null,
): string[] {
  const warnings: string[] = [];
  const from = field(source, mapping.source?.split(".")[0]);
  const to = field(target, mapping.target);
  if (source && mapping.source && !from) warnings.push(`No source field '${mapping.source}'`);
  if (target && !to) warnings.push(`No target field '${mapping.target}'`);
  if (to && !to.createable && !to.updateable) warnings.push(`'${to.name}' is read-only`);
  if (from && to) {
    const steps = inferChain(kindOfFieldType(from.type), mapping.transforms);
    const kind = steps.at(-1)?.output ?? kindOfFieldType(from.type);
    const wanted = kindOfFieldType(to.type);
    if (!targetAccepts(wanted, kind)) {
      warnings.push(`Type mismatch: ${kind} into ${wanted} field; add a cast`);
    }
  }
  return warnings;
}

/** Required target fields no mapping writes (identity fields the sync sets are excluded). */
export function unmappedRequired(
  target: ObjectDescriptor | null,
  mappings: readonly Mapping[],
  setBySync: readonly string[] = [],
): FieldDescriptor[] {
  if (!target) return [];
  const mapped = new Set([...mappings.map((m) => m.target), ...setBySync, target.primaryKey]);
  return target.fields.filter((f) => f.required && !mapped.has(f.name) && f.createable);
}

/** Adds suggested mappings for targets not mapped yet; existing mappings are never replaced. */
export function mergeAutoMapped(
  existing: readonly Mapping[],
  suggested: readonly Mapping[],
): Mapping[] {
  const taken = new Set(existing.map((m) => m.target));
  return [...existing, ...suggested.filter((m) => !taken.has(m.target))];
}

/** Connects a source field to a target: updates that target's mapping or adds one. */
export function connectField(
  mappings: readonly Mapping[],
  source: string,
  target: string,
): Mapping[] {
  const index = mappings.findIndex((m) => m.target === target);
  if (index === -1) return [...mappings, { target, source, transforms: [] }];
  return mappings.map((m, i) => {
    if (i !== index) return m;
    const { expression: _expression, ...rest } = m;
    return { ...rest, source };
  });
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}
