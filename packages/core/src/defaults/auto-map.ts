import { type Direction, sourceSideOf, targetSideOf } from "../definitions/common";
import { type ObjectPair, pairField } from "../definitions/sync-definition";
import { castTargetSchema, type Mapping, type Transform } from "../definitions/transform";
import type { FieldDescriptor, ObjectDescriptor } from "../model/describe";
import { castAllowed, kindOfFieldType, targetAccepts } from "../validation/type-inference";

/** "first_name", "FirstName" and "First Name" all meet as "firstname". */
function matchName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "");
}

function writable(field: FieldDescriptor): boolean {
  return field.createable || field.updateable;
}

function castFor(source: FieldDescriptor, target: FieldDescriptor): Transform[] {
  const from = kindOfFieldType(source.type);
  const to = kindOfFieldType(target.type);
  const castTarget = castTargetSchema.safeParse(to);
  if (targetAccepts(to, from) || !castTarget.success || !castAllowed(from, castTarget.data))
    return [];
  return [{ type: "cast", to: castTarget.data }];
}

/**
 * Mappings for fields with the same name on both sides (case-insensitive), plus the pair's parent
 * references through the link table. Identity fields (the target's key and the external-ID field
 * the identity rules set) and read-only fields are left out.
 */
export function autoMapFields(
  pair: ObjectPair,
  direction: Direction,
  source: ObjectDescriptor,
  target: ObjectDescriptor,
): Mapping[] {
  const from = sourceSideOf(direction);
  const to = targetSideOf(direction);
  const reserved = new Set(
    [
      target.primaryKey,
      pairField(pair, "keyField", to),
      pairField(pair, "externalIdField", to),
    ].filter((f): f is string => f !== undefined),
  );
  const parentFields = new Map(
    pair.parents.map((p) => [
      from === "a" ? p.fieldA : p.fieldB,
      { object: p.object, target: to === "a" ? p.fieldA : p.fieldB },
    ]),
  );
  const targets = new Map(target.fields.map((f) => [matchName(f.name), f]));
  const mappings: Mapping[] = [];
  const used = new Set<string>();

  for (const field of source.fields) {
    const parent = parentFields.get(field.name);
    if (parent) {
      mappings.push({
        target: parent.target,
        source: field.name,
        transforms: [{ type: "reference", object: parent.object }],
      });
      used.add(parent.target);
      continue;
    }
    if (field.name === source.primaryKey) continue;
    const match = targets.get(matchName(field.name));
    if (!match || reserved.has(match.name) || used.has(match.name) || !writable(match)) continue;
    if (parentFieldsOnTarget(pair, to).has(match.name)) continue;
    mappings.push({ target: match.name, source: field.name, transforms: castFor(field, match) });
    used.add(match.name);
  }
  return mappings;
}

function parentFieldsOnTarget(pair: ObjectPair, to: "a" | "b"): Set<string> {
  return new Set(pair.parents.map((p) => (to === "a" ? p.fieldA : p.fieldB)));
}
