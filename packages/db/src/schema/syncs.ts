import {
  type AnyPgColumn,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { connections } from "./platform";

export const syncStatusEnum = pgEnum("sync_status", ["draft", "active", "paused"]);
export const directionEnum = pgEnum("direction", ["a-to-b", "b-to-a"]);

export const syncs = pgTable("syncs", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  status: syncStatusEnum("status").notNull().default("draft"),
  connectionAId: uuid("connection_a_id")
    .notNull()
    .references(() => connections.id, { onDelete: "restrict" }),
  connectionBId: uuid("connection_b_id")
    .notNull()
    .references(() => connections.id, { onDelete: "restrict" }),
  /** The sync definition document (mode, conflict policy, object pairs), validated by @duplex/core. */
  definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
  /** Bumped on every save; a save that names an older revision is refused as stale. */
  revision: integer("revision").notNull().default(1),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const flows = pgTable(
  "flows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    syncId: uuid("sync_id")
      .notNull()
      .references(() => syncs.id, { onDelete: "cascade" }),
    direction: directionEnum("direction").notNull(),
    /**
     * The object pair this flow syncs (its trigger's object). A sync with parent and child objects
     * has one flow per object and direction.
     */
    objectKey: text("object_key").notNull().default(""),
    /** The editable draft; publishing snapshots it into flow_versions. */
    draft: jsonb("draft").$type<Record<string, unknown>>().notNull(),
    draftRevision: integer("draft_revision").notNull().default(1),
    publishedVersionId: uuid("published_version_id").references(
      (): AnyPgColumn => flowVersions.id,
      {
        onDelete: "set null",
      },
    ),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("flows_sync_direction_object_uq").on(t.syncId, t.direction, t.objectKey)],
);

/** Immutable: rows are only ever inserted. Every run pins the version it executed. */
export const flowVersions = pgTable(
  "flow_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    flowId: uuid("flow_id")
      .notNull()
      .references((): AnyPgColumn => flows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    /** The sync definition as it was when this version was published, so a replay sees the same rules. */
    syncDefinition: jsonb("sync_definition").$type<Record<string, unknown>>().notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("flow_versions_flow_version_uq").on(t.flowId, t.version)],
);
