CREATE TABLE "month_agent_counts" (
	"scope" text NOT NULL,
	"month" date NOT NULL,
	"shard" integer NOT NULL,
	"agent" text NOT NULL,
	"agent_class" text NOT NULL,
	"repos" integer NOT NULL,
	CONSTRAINT "month_agent_counts_scope_month_shard_agent_pk" PRIMARY KEY("scope","month","shard","agent")
);
--> statement-breakpoint
CREATE TABLE "month_counts" (
	"scope" text NOT NULL,
	"month" date NOT NULL,
	"shard" integer NOT NULL,
	"active" integer NOT NULL,
	"coding_any" integer NOT NULL,
	"coding_commit" integer NOT NULL,
	"coding_pr" integer NOT NULL,
	"coding_config" integer NOT NULL,
	"coding_upper" integer NOT NULL,
	"assistant_any" integer NOT NULL,
	"assistant_commit" integer NOT NULL,
	"assistant_pr" integer NOT NULL,
	"assistant_config" integer NOT NULL,
	"assistant_upper" integer NOT NULL,
	CONSTRAINT "month_counts_scope_month_shard_pk" PRIMARY KEY("scope","month","shard")
);
