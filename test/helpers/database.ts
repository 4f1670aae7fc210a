// Every test file gets its own store: PGlite in memory by default, or, with TEST_DATABASE_URL,
// a fresh uniquely named schema on that server (migrated, dropped on cleanup), so files run in parallel.

import { randomBytes } from "node:crypto";
import { migrate, openDatabase, type Database, type OpenDatabaseOptions } from "../../src/store/index.js";

export type TestDatabase = Database & { cleanup(): Promise<void> };

export async function openTestDatabase(options: Pick<OpenDatabaseOptions, "classOf"> = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ ...options, dataDir: "memory://" });
    await migrate(database);
    return Object.assign(database, { cleanup: () => database.close() });
  }
  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const database = await openDatabase({ ...options, url, schema, poolSize: 4 });
  await migrate(database);
  return Object.assign(database, {
    async cleanup() {
      try {
        await database.executeSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await database.close();
      }
    },
  });
}
