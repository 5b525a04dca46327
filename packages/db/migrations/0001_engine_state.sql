CREATE TABLE "deferred_changes" (
	"flow_id" uuid NOT NULL,
	"source_key" text NOT NULL,
	"change" jsonb NOT NULL,
	"reason" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"first_deferred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_deferred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deferred_changes_flow_key_uq" UNIQUE("flow_id","source_key")
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "input_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "start_node_id" text;--> statement-breakpoint
ALTER TABLE "deferred_changes" ADD CONSTRAINT "deferred_changes_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;