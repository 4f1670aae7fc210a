// Small helpers for the store's hand-written SQL: drizzle's `sql` template runs it on both drivers.

import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Database } from "./types.js";
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
  if (database.kind !== "pg" || !pool) {
    const session = (database as Database & { pglite?: object }).pglite;
    return database.db.transaction(async (tx) => {
      if (session) pgliteSessionOf.set(tx, session);
      return work(tx);
    });
  }
  // On Postgres the connection is checked out here rather than by drizzle's transaction(): a
  // connection that dies at BEGIN or mid-write must go back to the pool marked broken (so the
  // pool discards it), or a few database outages would leak the whole pool and writes would hang.
  let failure: Error | undefined;
  // A checked-out connection that dies reports on the client itself; the query in flight
  // fails too, which is what the caller sees. Without a listener the event would crash Node.
  const onClientError = (error: Error) => {
    failure ??= error;
  };
  const client = await checkOut(pool, onClientError);
  try {
    await client.query("BEGIN");
    const executor = drizzleNodePg({ client });
    connectionOf.set(executor, client);
    const result = await work(executor);
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

/**
 * A pooled connection with `onError` listening on it from the moment the pool hands it over.
 * `await pool.connect()` leaves a gap: the pool stops listening when it hands a new connection
 * over, but the promise's continuation runs only after node-postgres has parsed the rest of the
 * network chunk that finished the connection's start-up — and when the server is shutting down
 * (or an operator terminates the session) that chunk also holds a FATAL error, emitted then on a
 * client nobody listens to, which ends the process. Found by the reliability suite's restart
 * check (backends terminated as fast as three workers reconnect).
 */
export function checkOut(pool: pg.Pool, onError: (error: Error) => void): Promise<pg.PoolClient> {
  return new Promise((resolve, reject) => {
    pool.connect((error, client) => {
      if (error || !client) {
        reject(error ?? new Error("the pool gave no connection"));
        return;
      }
      client.on("error", onError);
      resolve(client);
    });
  });
}

const dialect = new PgDialect();
/** The connection an inTransaction executor runs on: a pooled node-postgres client, or the PGlite instance. */
const connectionOf = new WeakMap<Executor, pg.PoolClient>();
const pgliteSessionOf = new WeakMap<Executor, object>();
/** Statements PREPAREd on each PGlite instance (a prepared statement outlives a rolled-back transaction). */
const preparedOn = new WeakMap<object, Set<string>>();

/**
 * Runs a hot statement as a prepared statement (inside inTransaction): the server parses and
 * plans it once per connection rather than on every call, which for the push path's large
 * statements costs more than running them. The query's text must be the same on every call under
 * one name (only its parameters vary). node-postgres names it in the protocol; PGlite's client
 * has no such call, so there it is PREPAREd once and EXECUTEd with its parameters as literals.
 */
export async function executePrepared<Row>(tx: Executor, name: string, query: SQL): Promise<Row[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = connectionOf.get(tx);
  if (client) return (await client.query<Row & pg.QueryResultRow>({ name, text, values: params })).rows;
  const session = pgliteSessionOf.get(tx);
  if (!session) return rowsOf<Row>(tx, query);
  const prepared = preparedOn.get(session) ?? new Set<string>();
  preparedOn.set(session, prepared);
  if (!prepared.has(name)) {
    await tx.execute(sql.raw(`PREPARE ${name} AS ${text}`));
    prepared.add(name);
  }
  return rowsOf<Row>(tx, sql.raw(`EXECUTE ${name}${params.length > 0 ? `(${params.map(literal).join(", ")})` : ""}`));
}

/**
 * A parameter as a SQL literal (an array as Postgres' array text form). pg's escapeLiteral doubles
 * quotes and, when there is a backslash, writes an E'' string with it doubled: no value can end
 * the literal early, whatever a commit trailer holds.
 */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (Array.isArray(value)) return pg.escapeLiteral(`{${value.map(arrayElement).join(",")}}`);
  return pg.escapeLiteral(scalarText(value));
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  return `"${scalarText(value).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function scalarText(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
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

/** Postgres aborts one of two transactions that wait on each other; the aborted one is retried. */
const RETRYABLE_CODES = new Set(["40P01", "40001"]);
const RETRIES = 3;

/** A deadlock or serialization failure: Postgres rolled the transaction back; running it again is safe. */
export function isRetryable(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return RETRYABLE_CODES.has(code);
  }
  return false;
}

/** Runs a transaction again when Postgres aborted it for a deadlock (nothing of it stayed). */
export async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt > RETRIES || !isRetryable(error)) throw error;
    }
  }
}
