CREATE TABLE "signal_reviews" (
	"signal" text NOT NULL,
	"repo_id" integer NOT NULL,
	"channel" text NOT NULL,
	"ref" text NOT NULL,
	"agent" text NOT NULL,
	"matched" text NOT NULL,
	"correct" boolean NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signal_reviews_signal_repo_id_channel_ref_pk" PRIMARY KEY("signal","repo_id","channel","ref"),
	CONSTRAINT "signal_reviews_channel" CHECK ("signal_reviews"."channel" IN ('commit', 'pr', 'config'))
);
--> statement-breakpoint
ALTER TABLE "commit_evidence" ADD COLUMN "signal" text;--> statement-breakpoint
ALTER TABLE "config_files" ADD COLUMN "signal" text;--> statement-breakpoint
ALTER TABLE "pull_request_evidence" ADD COLUMN "signal" text;