CREATE TABLE "crawl_batches" (
	"run_id" integer NOT NULL,
	"batch" integer NOT NULL,
	"repositories" integer NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crawl_batches_run_id_batch_pk" PRIMARY KEY("run_id","batch"),
	CONSTRAINT "crawl_batches_state" CHECK ("crawl_batches"."state" IN ('queued', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "crawl_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"cohort" text NOT NULL,
	"kind" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"repositories" integer NOT NULL,
	"batches" integer NOT NULL,
	CONSTRAINT "crawl_runs_kind" CHECK ("crawl_runs"."kind" IN ('crawl', 'refresh'))
);
--> statement-breakpoint
CREATE TABLE "token_budgets" (
	"token_key" text PRIMARY KEY NOT NULL,
	"remaining" integer,
	"limit" integer,
	"reset_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "crawl_runs_cohort" ON "crawl_runs" USING btree ("cohort","started_at");