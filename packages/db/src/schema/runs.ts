import {
  type AnyPgColumn,
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { directionEnum, flows, flowVersions, syncs } from "./syncs";

export const runStatusEnum = pgEnum("run_status", [
  "queued",
  "running",
  "succeeded",
  "partially-failed",
  "failed",
  "cancelled",
]);
export const stepStatusEnum = pgEnum("step_status", ["running", "succeeded", "failed", "skipped"]);
export const recordOutcomeEnum = pgEnum("record_outcome", [
  "created",
  "updated",
  "skipped-equal",
  "skipped-no-external-id",
  "skipped-filtered",
  "skipped-conflict",
  "deleted",
  "failed",
  "deferred",
]);

export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    syncId: uuid("sync_id")
      .notNull()
      .references(() => syncs.id, { onDelete: "cascade" }),
    flowId: uuid("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    flowVersionId: uuid("flow_version_id")
      .notNull()
      .references(() => flowVersions.id, { onDelete: "restrict" }),
    direction: directionEnum("direction").notNull(),
    status: runStatusEnum("status").notNull().default("queued"),
    trigger: text("trigger").notNull(),
    workflowId: text("workflow_id"),
    replayOf: uuid("replay_of").references((): AnyPgColumn => runs.id, { onDelete: "set null" }),
    replayMode: text("replay_mode"),
    /** The claim-check batch of changes the run started with. */
    inputBatchId: uuid("input_batch_id"),
    /** The first node executed (a replay may resume from a later step). */
    startNodeId: text("start_node_id"),
    counts: jsonb("counts").$type<Record<string, number>>().notNull().default({}),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("runs_sync_idx").on(t.syncId, t.createdAt),
    index("runs_flow_idx").on(t.flowId, t.createdAt),
  ],
);

export const runSteps = pgTable(
  "run_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    nodeType: text("node_type").notNull(),
    status: stepStatusEnum("status").notNull(),
    attempts: integer("attempts").notNull().default(1),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    /** Size-capped samples for the runs console; the full data is in `batches`. */
    inputSummary: jsonb("input_summary").$type<Record<string, unknown>>(),
    outputSummary: jsonb("output_summary").$type<Record<string, unknown>>(),
    inputBatchId: uuid("input_batch_id"),
    outputBatchId: uuid("output_batch_id"),
    error: text("error"),
  },
  (t) => [unique("run_steps_run_node_uq").on(t.runId, t.nodeId)],
);

/** Claim checks: the records passed between steps live here, and workflows pass only the id. */
export const batches = pgTable(
  "batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    count: integer("count").notNull(),
    records: jsonb("records").$type<unknown[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("batches_run_idx").on(t.runId)],
);

export const recordOutcomes = pgTable(
  "record_outcomes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    object: text("object").notNull(),
    sourceKey: text("source_key").notNull(),
    targetKey: text("target_key"),
    outcome: recordOutcomeEnum("outcome").notNull(),
    nodeId: text("node_id"),
    error: jsonb("error").$type<Record<string, unknown>>(),
    /** The change as it entered the run, so one record can be replayed on its own. */
    change: jsonb("change").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("record_outcomes_run_idx").on(t.runId, t.outcome),
    index("record_outcomes_key_idx").on(t.object, t.sourceKey),
  ],
);
