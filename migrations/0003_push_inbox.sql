CREATE TABLE "push_inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"repo_key" text NOT NULL,
	"push" json NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"retry_at" timestamp with time zone,
	"dead_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "push_inbox_repo" ON "push_inbox" USING btree ("repo_key","id");