ALTER TABLE "flows" DROP CONSTRAINT "flows_sync_direction_uq";--> statement-breakpoint
ALTER TABLE "flows" ADD COLUMN "object_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_sync_direction_object_uq" UNIQUE("sync_id","direction","object_key");