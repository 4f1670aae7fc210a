// Opening the store from the CLI: the same database the app uses, migrated on open.
import { loadConfig } from "../config.js";
import { migrate, openDatabase, type Database } from "../store/index.js";
import { CliError } from "./errors.js";

export async function openMigratedDatabase(): Promise<Database> {
  const config = loadConfig();
  let database: Database;
  try {
    database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    await migrate(database);
  } catch (error) {
    const where = config.databaseUrl ? "the database at DATABASE_URL" : `the embedded database in ${config.dataDir}`;
    throw new CliError(`cannot open ${where}: ${(error as Error).message}`, { cause: error });
  }
  return database;
}
