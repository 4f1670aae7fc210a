// TEMPORARY: the crawl tables until their migration lands (src/store/schema.ts is frozen until
// the store engineer's last commit). Mirrors what drizzle-kit will generate.
import type { Database } from "../../src/store/index.js";

export async function ensureCrawlTables(database: Database): Promise<void> {
  await database.executeSql(`
    CREATE TABLE IF NOT EXISTS crawl_runs (id serial PRIMARY KEY, cohort text NOT NULL, kind text NOT NULL, since timestamptz NOT NULL,
      started_at timestamptz NOT NULL, repositories integer NOT NULL, batches integer NOT NULL);
    CREATE TABLE IF NOT EXISTS crawl_batches (run_id integer NOT NULL, batch integer NOT NULL, repositories integer NOT NULL,
      state text NOT NULL DEFAULT 'queued', attempts integer NOT NULL DEFAULT 0, error text, updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (run_id, batch));
    CREATE TABLE IF NOT EXISTS token_budgets (token_key text PRIMARY KEY, remaining integer, "limit" integer, reset_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now());`);
}
