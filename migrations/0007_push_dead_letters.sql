CREATE TABLE "push_dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"repo_key" text NOT NULL,
	"push" json NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"last_error" text,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Hand-added between drizzle-kit's statements: the push inbox goes away (pushes are now written
-- when their delivery is answered). Pushes it still held (answered, not yet applied, or dead
-- letters) become dead letters, so `agent-census pushes --requeue` writes them.
INSERT INTO "push_dead_letters" ("repo_key", "push", "received_at", "attempts", "last_error", "failed_at")
SELECT "repo_key", "push", "received_at", greatest("attempts", 1),
  coalesce("last_error", 'waiting in the push inbox when the inbox was removed: requeue it to apply it'), coalesce("dead_at", now())
FROM "push_inbox" ORDER BY "id";
--> statement-breakpoint
DROP TABLE "push_inbox" CASCADE;--> statement-breakpoint
DROP TABLE "push_spool_mark" CASCADE;
