import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { flows, syncs } from "./syncs";

/**
 * The identity map of one record across the two systems, plus what was last synced each way.
 * It powers SOR write-back, reference resolution, loop prevention and reconciliation.
 */
export const links = pgTable(
  "links",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    syncId: uuid("sync_id")
      .notNull()
      .references(() => syncs.id, { onDelete: "cascade" }),
    object: text("object").notNull(),
    idA: text("id_a"),
    idB: text("id_b"),
    /** Fingerprint of the values last written into B (a-to-b) and into A (b-to-a). */
    fingerprintAToB: text("fingerprint_a_to_b"),
    fingerprintBToA: text("fingerprint_b_to_a"),
    /** The source-side updated-at / version last applied, for conflict resolution. */
    sourceUpdatedAtA: text("source_updated_at_a"),
    sourceUpdatedAtB: text("source_updated_at_b"),
    versionA: integer("version_a"),
    versionB: integer("version_b"),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("links_sync_object_a_uq").on(t.syncId, t.object, t.idA),
    unique("links_sync_object_b_uq").on(t.syncId, t.object, t.idB),
    index("links_sync_object_idx").on(t.syncId, t.object),
  ],
);

/** Resume point of an incremental trigger, per flow and object. Visible and resettable in the UI. */
export const watermarks = pgTable(
  "watermarks",
  {
    flowId: uuid("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    object: text("object").notNull(),
    cursor: text("cursor"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("watermarks_flow_object_uq").on(t.flowId, t.object)],
);

/**
 * Changes that could not be applied yet because a parent record is not linked: they are merged
 * into the flow's next batch and retried until the parent arrives. Never written orphaned.
 */
export const deferredChanges = pgTable(
  "deferred_changes",
  {
    flowId: uuid("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    sourceKey: text("source_key").notNull(),
    change: jsonb("change").$type<Record<string, unknown>>().notNull(),
    reason: text("reason").notNull(),
    attempts: integer("attempts").notNull().default(1),
    firstDeferredAt: timestamp("first_deferred_at", { withTimezone: true }).notNull().defaultNow(),
    lastDeferredAt: timestamp("last_deferred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("deferred_changes_flow_key_uq").on(t.flowId, t.sourceKey)],
);
