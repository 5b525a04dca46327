import { connections, type Database, templates } from "@duplex/db";
import { asc, eq, sql } from "drizzle-orm";
import { type EditorDeps, EditorError } from "../editor/deps";
import { createSyncWithFlows, modeLabel } from "../editor/sync-service";
import { builtinTemplates } from "./builtin";
import {
  syncDefinitionFromTemplate,
  type TemplateDefinition,
  templateDefinitionSchema,
} from "./template-definition";

export interface TemplateSummary {
  slug: string;
  name: string;
  description: string;
  category: string;
  builtin: boolean;
  systems: { a: string; b: string };
  mode: string;
  conflictPolicy: string;
  objects: string[];
}

// One upsert per database handle and process: the list stays a read after the first call.
const ensured = new WeakMap<Database, Promise<void>>();

/**
 * Writes the built-in templates into `templates` (by slug; a changed built-in replaces its row),
 * so the table is the one source the gallery reads. Idempotent and safe to call concurrently.
 */
export function ensureBuiltinTemplates(db: Database): Promise<void> {
  const pending = ensured.get(db);
  if (pending) return pending;
  const run = db
    .insert(templates)
    .values(
      builtinTemplates.map((t) => ({
        slug: t.slug,
        name: t.name,
        description: t.description,
        category: t.category,
        definition: { ...t.definition },
        builtin: true,
      })),
    )
    .onConflictDoUpdate({
      target: templates.slug,
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        category: sql`excluded.category`,
        definition: sql`excluded.definition`,
        builtin: sql`true`,
      },
    })
    .then(() => undefined);
  ensured.set(db, run);
  // A failed upsert is retried by the next call instead of being remembered.
  run.catch(() => ensured.delete(db));
  return run;
}

export async function listTemplates(db: Database): Promise<TemplateSummary[]> {
  await ensureBuiltinTemplates(db);
  const rows = await db
    .select()
    .from(templates)
    .orderBy(asc(templates.category), asc(templates.name));
  return rows.flatMap((row) => {
    // A stored definition that does not parse is left out of the gallery rather than offered.
    const parsed = templateDefinitionSchema.safeParse(row.definition);
    if (!parsed.success) return [];
    const definition = parsed.data;
    return [
      {
        slug: row.slug,
        name: row.name,
        description: row.description,
        category: row.category,
        builtin: row.builtin,
        systems: definition.systems,
        mode: modeLabel(syncDefinitionFromTemplate(definition, {})),
        conflictPolicy: definition.conflictPolicy,
        objects: definition.objects.map((o) => `${o.objectA} ⇄ ${o.objectB}`),
      },
    ];
  });
}

async function requireTemplate(
  db: Database,
  slug: string,
): Promise<{ name: string; definition: TemplateDefinition }> {
  await ensureBuiltinTemplates(db);
  const [row] = await db.select().from(templates).where(eq(templates.slug, slug));
  if (!row) throw new EditorError("NOT_FOUND", `There is no template '${slug}'`);
  const parsed = templateDefinitionSchema.safeParse(row.definition);
  if (!parsed.success) {
    throw new EditorError("BAD_REQUEST", `Template '${row.name}' has an invalid definition`);
  }
  return { name: row.name, definition: parsed.data };
}

async function requireConnectionType(
  db: Database,
  id: string,
  side: "A" | "B",
  expected: string,
): Promise<void> {
  const [row] = await db
    .select({ name: connections.name, type: connections.type })
    .from(connections)
    .where(eq(connections.id, id));
  if (!row) throw new EditorError("NOT_FOUND", `Connection ${side} does not exist`);
  if (row.type !== expected) {
    throw new EditorError(
      "BAD_REQUEST",
      `This template needs a ${expected} connection on side ${side}; '${row.name}' is ${row.type}`,
    );
  }
}

export interface InstantiateInput {
  slug: string;
  name: string;
  connectionAId: string;
  connectionBId: string;
}

/**
 * A new sync and both direction flows from a template, through the same path the create-sync
 * wizard takes (`createSyncWithFlows`), with the template's mappings in each map node.
 */
export async function instantiateTemplate(
  deps: EditorDeps,
  input: InstantiateInput,
  userId: string | null,
): Promise<{ syncId: string; flowIds: string[] }> {
  const template = await requireTemplate(deps.db, input.slug);
  const { definition } = template;
  await requireConnectionType(deps.db, input.connectionAId, "A", definition.systems.a);
  await requireConnectionType(deps.db, input.connectionBId, "B", definition.systems.b);
  return createSyncWithFlows(
    deps,
    {
      name: input.name,
      connectionAId: input.connectionAId,
      connectionBId: input.connectionBId,
      mode: definition.mode,
      conflictPolicy: definition.conflictPolicy,
      objects: definition.objects,
    },
    userId,
    { mappings: definition.mappings },
  );
}
