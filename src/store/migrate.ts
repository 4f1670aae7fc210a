// Applies the drizzle-kit migrations committed in migrations/, on either driver.

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type pg from "pg";
import { checkOut } from "./sql.js";
import type { Database } from "./types.js";

/** migrations/ sits at the package root, both from src/store (tsx) and dist/src/store (built). */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "migrations");
    if (existsSync(join(candidate, "meta", "_journal.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("migrations/ folder not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** Applies the drizzle-kit migrations in `migrations/` (idempotent; safe on every boot). */
export async function migrate(database: Database): Promise<void> {
  // Each schema keeps its own migration journal, so isolated schemas migrate independently.
  const config = { migrationsFolder: migrationsFolder(), migrationsSchema: database.schema, migrationsTable: "__drizzle_migrations" };
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, config);
    return;
  }
  // Several processes may boot at once: a session advisory lock lets one migrate at a time.
  const pool = (database as Database & { pool: pg.Pool }).pool;
  // A connection that dies while migrating fails the query in flight; the listener keeps its
  // error event from ending the process (see checkOut).
  const ignore = () => undefined;
  const lock = await checkOut(pool, ignore);
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext($1))", [`agent-census-migrate:${database.schema}`]);
    await migrateNodePg(database.db as unknown as NodePgDatabase, config);
  } finally {
    await lock.query("SELECT pg_advisory_unlock(hashtext($1))", [`agent-census-migrate:${database.schema}`]).catch(() => undefined);
    lock.off("error", ignore);
    lock.release();
  }
}
