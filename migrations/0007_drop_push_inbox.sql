DROP TABLE "push_inbox" CASCADE;--> statement-breakpoint
DROP TABLE "push_spool_mark" CASCADE;