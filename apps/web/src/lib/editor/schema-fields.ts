import { z } from "zod";

/** The part of JSON Schema that zod's `z.toJSONSchema` emits for Duplex's config schemas. */
interface JsonSchemaNode {
  type?: string | string[] | undefined;
  description?: string | undefined;
  enum?: unknown[] | undefined;
  const?: unknown;
  default?: unknown;
  properties?: Record<string, JsonSchemaNode> | undefined;
  required?: string[] | undefined;
  items?: JsonSchemaNode | undefined;
  anyOf?: JsonSchemaNode[] | undefined;
  minimum?: number | undefined;
  maximum?: number | undefined;
}

const jsonSchemaNode: z.ZodType<JsonSchemaNode> = z.lazy(() =>
  z.looseObject({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    description: z.string().optional(),
    enum: z.array(z.unknown()).optional(),
    const: z.unknown().optional(),
    default: z.unknown().optional(),
    properties: z.record(z.string(), jsonSchemaNode).optional(),
    required: z.array(z.string()).optional(),
    items: jsonSchemaNode.optional(),
    anyOf: z.array(jsonSchemaNode).optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
  }),
);

interface BaseField {
  name: string;
  label: string;
  help: string | undefined;
  required: boolean;
  defaultValue: unknown;
}

/** One input of a generated form. */
export type FormField =
  | (BaseField & { kind: "text" })
  | (BaseField & { kind: "number"; integer: boolean; min?: number; max?: number })
  | (BaseField & { kind: "boolean" })
  | (BaseField & { kind: "select"; options: string[] })
  | (BaseField & { kind: "list" })
  | (BaseField & { kind: "rows"; fields: FormField[] })
  | (BaseField & { kind: "scalar" })
  | (BaseField & { kind: "json" });

/** "intervalSeconds" → "Interval seconds", "hmacSecretRef" → "Hmac secret ref". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[-_]/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function fieldOf(name: string, node: JsonSchemaNode, required: boolean): FormField | null {
  if (node.const !== undefined) return null; // discriminators such as a transform's `type`
  const base: BaseField = {
    name,
    label: humanize(name),
    help: node.description,
    required,
    defaultValue: node.default,
  };
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (node.enum?.every((v) => typeof v === "string")) {
    return { ...base, kind: "select", options: node.enum.filter((v) => typeof v === "string") };
  }
  if (types.length > 1 || node.anyOf) return { ...base, kind: "scalar" };
  switch (types[0]) {
    case "string":
      return { ...base, kind: "text" };
    case "integer":
    case "number":
      return {
        ...base,
        kind: "number",
        integer: types[0] === "integer",
        ...(node.minimum !== undefined && node.minimum > -MAX_SAFE ? { min: node.minimum } : {}),
        ...(node.maximum !== undefined && node.maximum < MAX_SAFE ? { max: node.maximum } : {}),
      };
    case "boolean":
      return { ...base, kind: "boolean" };
    case "array": {
      const items = node.items;
      if (items?.type === "object" && items.properties) {
        return { ...base, kind: "rows", fields: fieldsOfObject(items) };
      }
      return { ...base, kind: "list" };
    }
    default:
      return { ...base, kind: "json" };
  }
}

function fieldsOfObject(node: JsonSchemaNode): FormField[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {})
    .map(([name, child]) => fieldOf(name, child, required.has(name)))
    .filter((f): f is FormField => f !== null);
}

/** The form for a zod object schema, via zod 4's own JSON Schema conversion. */
export function formFieldsOf(schema: z.ZodType): FormField[] {
  return (
    formVariantsOfJson(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }))[0] ?? []
  );
}

/**
 * Forms for a JSON Schema sent by the server: one per alternative when it is a union of objects
 * (a connection string or separate host fields), else one.
 */
export function formVariantsOfJson(json: unknown): FormField[][] {
  const parsed = jsonSchemaNode.safeParse(json);
  if (!parsed.success) return [];
  const alternatives = parsed.data.anyOf?.filter((a) => a.properties) ?? [];
  return alternatives.length > 0 ? alternatives.map(fieldsOfObject) : [fieldsOfObject(parsed.data)];
}

/** Text typed into a "scalar" input: true/false and numbers become themselves, the rest text. */
export function parseScalar(text: string): string | number | boolean {
  if (text === "true") return true;
  if (text === "false") return false;
  const trimmed = text.trim();
  if (trimmed !== "" && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return text;
}

/** "a, b ,c" → ["a", "b", "c"]; empty parts are dropped. */
export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Path → message, for inline errors: ["config", "cron"] → "cron". */
export function errorsByField(
  problems: readonly { path?: (string | number)[] | undefined; message: string }[],
  prefix: readonly (string | number)[],
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const p of problems) {
    const path = p.path ?? [];
    if (!prefix.every((part, i) => path[i] === part)) continue;
    const key = path.slice(prefix.length).join(".");
    found.set(key, [...(found.get(key) ?? []), p.message]);
  }
  return found;
}
