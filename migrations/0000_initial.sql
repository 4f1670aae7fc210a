CREATE TABLE "cohort_members" (
	"cohort_id" integer NOT NULL,
	"repo_id" integer NOT NULL,
	CONSTRAINT "cohort_members_cohort_id_repo_id_pk" PRIMARY KEY("cohort_id","repo_id")
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohorts_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "commit_evidence" (
	"repo_id" integer NOT NULL,
	"sha" text NOT NULL,
	"agent" text NOT NULL,
	"agent_class" text NOT NULL,
	"kind" text NOT NULL,
	"strength" text NOT NULL,
	"matched" text NOT NULL,
	CONSTRAINT "commit_evidence_repo_id_sha_agent_kind_pk" PRIMARY KEY("repo_id","sha","agent","kind")
);
--> statement-breakpoint
CREATE TABLE "commits" (
	"repo_id" integer NOT NULL,
	"sha" text NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"is_merge" boolean NOT NULL,
	CONSTRAINT "commits_repo_id_sha_pk" PRIMARY KEY("repo_id","sha")
);
--> statement-breakpoint
CREATE TABLE "config_files" (
	"repo_id" integer NOT NULL,
	"path" text NOT NULL,
	"agent" text NOT NULL,
	"agent_class" text NOT NULL,
	"strength" text NOT NULL,
	"added_at" timestamp with time zone,
	"added_sha" text,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "config_files_repo_id_path_agent_pk" PRIMARY KEY("repo_id","path","agent")
);
--> statement-breakpoint
CREATE TABLE "installation_repositories" (
	"installation_id" bigint NOT NULL,
	"repo_id" integer NOT NULL,
	CONSTRAINT "installation_repositories_installation_id_repo_id_pk" PRIMARY KEY("installation_id","repo_id")
);
--> statement-breakpoint
CREATE TABLE "pull_request_evidence" (
	"repo_id" integer NOT NULL,
	"number" integer NOT NULL,
	"agent" text NOT NULL,
	"agent_class" text NOT NULL,
	"kind" text NOT NULL,
	"strength" text NOT NULL,
	"matched" text NOT NULL,
	CONSTRAINT "pull_request_evidence_repo_id_number_agent_kind_pk" PRIMARY KEY("repo_id","number","agent","kind")
);
--> statement-breakpoint
CREATE TABLE "pull_requests" (
	"repo_id" integer NOT NULL,
	"number" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"merged_at" timestamp with time zone,
	"state" text NOT NULL,
	"head_ref" text NOT NULL,
	"author_login" text,
	CONSTRAINT "pull_requests_repo_id_number_pk" PRIMARY KEY("repo_id","number")
);
--> statement-breakpoint
CREATE TABLE "repo_month_agents" (
	"repo_id" integer NOT NULL,
	"month" date NOT NULL,
	"agent" text NOT NULL,
	"agent_class" text NOT NULL,
	"is_public" boolean NOT NULL,
	"commits" integer NOT NULL,
	"via_commit" boolean NOT NULL,
	"via_pr" boolean NOT NULL,
	"via_config" boolean NOT NULL,
	"weak" boolean NOT NULL,
	CONSTRAINT "repo_month_agents_repo_id_month_agent_pk" PRIMARY KEY("repo_id","month","agent")
);
--> statement-breakpoint
CREATE TABLE "repo_months" (
	"repo_id" integer NOT NULL,
	"month" date NOT NULL,
	"is_public" boolean NOT NULL,
	"commits" integer NOT NULL,
	"agent_commits" integer NOT NULL,
	"coding_commit" boolean NOT NULL,
	"coding_pr" boolean NOT NULL,
	"coding_config" boolean NOT NULL,
	"coding_upper" boolean NOT NULL,
	"assistant_commit" boolean NOT NULL,
	"assistant_pr" boolean NOT NULL,
	"assistant_config" boolean NOT NULL,
	"assistant_upper" boolean NOT NULL,
	CONSTRAINT "repo_months_repo_id_month_pk" PRIMARY KEY("repo_id","month")
);
--> statement-breakpoint
CREATE TABLE "repositories" (
	"id" serial PRIMARY KEY NOT NULL,
	"github_id" bigint,
	"host" text NOT NULL,
	"owner" text NOT NULL,
	"name" text NOT NULL,
	"url" text,
	"visibility" text NOT NULL,
	"fork" boolean DEFAULT false NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"stars" integer DEFAULT 0 NOT NULL,
	"language" text,
	"created_at" timestamp with time zone,
	"pushed_at" timestamp with time zone,
	"default_branch" text,
	"status" text DEFAULT 'active' NOT NULL,
	"head" text,
	"scanned_at" timestamp with time zone,
	"covered_since" timestamp with time zone,
	"needs_rescan" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repositories_visibility" CHECK ("repositories"."visibility" IN ('public', 'private', 'internal')),
	CONSTRAINT "repositories_status" CHECK ("repositories"."status" IN ('active', 'empty', 'gone', 'blocked'))
);
--> statement-breakpoint
CREATE TABLE "scans" (
	"id" serial PRIMARY KEY NOT NULL,
	"repo_id" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"mode" text NOT NULL,
	"since" timestamp with time zone,
	"until" timestamp with time zone,
	"head" text,
	"commits" integer DEFAULT 0 NOT NULL,
	"agent_commits" integer DEFAULT 0 NOT NULL,
	"pull_requests" integer DEFAULT 0 NOT NULL,
	"config_files" integer,
	"graphql_points" integer DEFAULT 0 NOT NULL,
	"http_requests" integer DEFAULT 0 NOT NULL,
	"outcome" text NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "cohort_members_repo" ON "cohort_members" USING btree ("repo_id");--> statement-breakpoint
CREATE INDEX "commits_repo_date" ON "commits" USING btree ("repo_id","committed_at");--> statement-breakpoint
CREATE INDEX "installation_repositories_repo" ON "installation_repositories" USING btree ("repo_id");--> statement-breakpoint
CREATE INDEX "repo_month_agents_month" ON "repo_month_agents" USING btree ("month","is_public");--> statement-breakpoint
CREATE INDEX "repo_months_month" ON "repo_months" USING btree ("month","is_public");--> statement-breakpoint
CREATE UNIQUE INDEX "repositories_github_key" ON "repositories" USING btree ("host","github_id") WHERE github_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "repositories_url_key" ON "repositories" USING btree ("url") WHERE github_id IS NULL;--> statement-breakpoint
CREATE INDEX "repositories_full_name" ON "repositories" USING btree (lower("owner"),lower("name"));--> statement-breakpoint
CREATE INDEX "scans_repo_started" ON "scans" USING btree ("repo_id","started_at");