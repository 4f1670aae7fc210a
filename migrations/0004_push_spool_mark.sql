CREATE TABLE "push_spool_mark" (
	"spool" text PRIMARY KEY NOT NULL,
	"imported_through" bigint NOT NULL
);
