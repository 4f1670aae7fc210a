// What the store's tables hold on Postgres: rows and on-disk bytes per table, for the benchmarks
// that report storage (scale, storage).
import pg from "pg";
import type { Database } from "../../src/store/index.js";

/** Drops a benchmark's schema (and its job queue's) so a run starts empty. */
export async function freshSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
  } finally {
    await client.end();
  }
}

export interface StorageFigures {
  rows: Record<string, number>;
  bytes: Record<string, number>;
  totalBytes: number;
}

/** Row counts and on-disk bytes (tables with their indexes and TOAST: pg_total_relation_size) of the store's tables. */
export async function storage(database: Database): Promise<StorageFigures> {
  const tables = await database.executeSql<{ table: string; rows: string; bytes: string }>(
    `SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC`,
  );
  const rows: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  for (const table of tables.rows) {
    const exact = await database.executeSql<{ n: string }>(`SELECT count(*) AS n FROM "${table.table}"`);
    rows[table.table] = Number(exact.rows[0]?.n ?? 0);
    bytes[table.table] = Number(table.bytes);
  }
  return { rows, bytes, totalBytes: Object.values(bytes).reduce((sum, value) => sum + value, 0) };
}
