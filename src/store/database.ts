// Opens the store on real Postgres (node-postgres pool) or embedded PGlite, behind one interface.

import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { agentClassOf } from "../agents/index.js";
import { InvalidStoreInputError } from "./errors.js";
import type { AgentClassifier, Database, OpenDatabaseOptions, SqlResult, StoreDrizzle } from "./types.js";

const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name is interpolated into SQL (identifiers cannot be parameters), so it is checked. */
export function checkSchemaName(schema: string): string {
  if (!schemaNamePattern.test(schema)) {
    throw new InvalidStoreInputError(`invalid schema name "${schema}": use lower-case letters, digits and _`);
  }
  return schema;
}

/**
 * Opens the store: node-postgres when `url` is given, else PGlite in `dataDir`. Does not migrate.
 * The store never decides which agent ids are review assistants: the catalog's `agentClassOf`
 * does, unless the caller gives its own classifier.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const schema = checkSchemaName(options.schema ?? "public");
  const classOf = options.classOf ?? agentClassOf;
  if (options.url) return openPostgres(options.url, schema, classOf, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? "./data", schema, classOf, options.pgliteDump);
}

async function openPostgres(url: string, schema: string, classOf: AgentClassifier, poolSize: number): Promise<Database> {
  // The startup option puts the schema on the search_path of every pooled connection before any
  // query runs on it (a "connect" event handler would race the first query).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${schema}` });
  // An idle connection that dies (a database restart, a failover) is reported here; without a
  // listener Node would crash the process. The pool has already dropped it, and the next query
  // opens a fresh one, so there is nothing else to do.
  pool.on("error", () => undefined);
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    kind: "pg",
    schema,
    classOf,
    db: drizzleNodePg({ client: pool }) as unknown as StoreDrizzle,
    pool,
    async executeSql<Row>(text: string, values?: unknown[]): Promise<SqlResult<Row>> {
      // A multi-statement script (no parameters) yields one result per statement: keep the last.
      const result: pg.QueryResult | pg.QueryResult[] = await pool.query(text, values);
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: (last?.rows ?? []) as Row[] };
    },
    close: () => pool.end(),
  } as Database;
}

async function openPglite(dataDir: string, schema: string, classOf: AgentClassifier, dump: Blob | undefined): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const client = new PGlite(inMemory ? undefined : dataDir, dump ? { loadDataDir: dump } : {});
  await client.waitReady;
  // PGlite is one connection: setting the search_path once applies to every later query.
  await client.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}"`);
  return {
    kind: "pglite",
    schema,
    classOf,
    db: drizzlePglite({ client }) as unknown as StoreDrizzle,
    pglite: client,
    async executeSql<Row>(text: string, values?: unknown[]): Promise<SqlResult<Row>> {
      // pg-boss sends multi-statement scripts without parameters; only the simple protocol runs them.
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Row[] };
      }
      const result = await client.query<Row>(text, values);
      return { rows: result.rows };
    },
    close: () => client.close(),
  } as Database;
}
