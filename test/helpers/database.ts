// Every test file gets its own store: PGlite in memory by default, or, with TEST_DATABASE_URL,
// a fresh uniquely named schema on that server (migrated, dropped on cleanup), so files run in parallel.

import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { migrate, openDatabase, type Database, type OpenDatabaseOptions } from "../../src/store/index.js";
import { migrationsFolder } from "../../src/store/index.js";

export type TestDatabase = Database & { cleanup(): Promise<void> };

export async function openTestDatabase(options: Pick<OpenDatabaseOptions, "classOf"> = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ ...options, dataDir: "memory://", pgliteDump: await migratedTemplate() });
    await migrate(database); // a no-op on the template; keeps the helper honest if the template is stale
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

/**
 * PGlite's initdb dominates a test file's start-up, so the first file to need it dumps a migrated
 * data directory into the temp folder, keyed by the migrations' content, and later files load it.
 */
async function migratedTemplate(): Promise<Blob> {
  const folder = migrationsFolder();
  const hash = createHash("sha256");
  for (const name of (await readdir(folder)).sort()) if (name.endsWith(".sql")) hash.update(await readFile(join(folder, name)));
  const cacheDir = join(tmpdir(), "agent-census-test");
  const file = join(cacheDir, `pglite-${hash.digest("hex").slice(0, 16)}.tar.gz`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const database = await openDatabase({ dataDir: "memory://" });
    await migrate(database);
    const dump = await (database as Database & { pglite: PGlite }).pglite.dumpDataDir("gzip");
    await database.close();
    await mkdir(cacheDir, { recursive: true });
    // Write then rename: parallel test files never read a half-written template.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}
