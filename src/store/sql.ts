// Small helpers for the store's hand-written SQL: drizzle's `sql` template runs it on both drivers.

import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { Database } from "./api.js";
import { InvalidStoreInputError } from "./errors.js";

/** What a write needs from drizzle: the database itself or an open transaction. */
export interface Executor {
  execute(query: SQL): Promise<unknown>;
}

/** Runs a query and returns its rows (node-postgres and PGlite both answer with `{ rows }`). */
export async function rowsOf<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result = (await executor.execute(query)) as { rows: Row[] };
  return result.rows;
}

export async function firstRow<Row>(executor: Executor, query: SQL): Promise<Row | undefined> {
  return (await rowsOf<Row>(executor, query))[0];
}

/** One write = one transaction: a failure anywhere leaves nothing behind, so a retry starts clean. */
export async function inTransaction<T>(database: Database, work: (tx: Executor) => Promise<T>): Promise<T> {
  const pool = (database as Database & { pool?: pg.Pool }).pool;
  if (database.kind !== "pg" || !pool) return database.db.transaction(async (tx) => work(tx));
  // On Postgres the connection is checked out here rather than by drizzle's transaction(): a
  // connection that dies at BEGIN or mid-write must go back to the pool marked broken (so the
  // pool discards it), or a few database outages would leak the whole pool and writes would hang.
  const client = await pool.connect();
  let failure: Error | undefined;
  // A checked-out connection that dies reports on the client itself; the query in flight
  // fails too, which is what the caller sees. Without a listener the event would crash Node.
  const onClientError = (error: Error) => {
    failure ??= error;
  };
  client.on("error", onClientError);
  try {
    await client.query("BEGIN");
    const result = await work(drizzleNodePg({ client }));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.off("error", onClientError);
    // release(error) destroys the connection instead of reusing it after a failure.
    client.release(failure);
  }
}

/** Binds a whole array as ONE parameter (drizzle would otherwise expand it into a list). */
export function arrayParam(values: readonly unknown[]): SQL {
  return sql`${sql.param(values)}`;
}

export function isoOrNull(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

/** "YYYY-MM" → the month's first day as an ISO date, checked. */
export function monthStart(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new InvalidStoreInputError(`month must be "YYYY-MM", got "${month}"`);
  return `${month}-01`;
}
