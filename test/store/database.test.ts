import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

describe("openDatabase and migrate", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.cleanup();
  });

  it("creates the store's tables in its own schema", async () => {
    const { rows } = await database.executeSql<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
      [database.schema],
    );
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["repositories", "commits", "repo_months", "repo_month_agents", "scans", "cohorts"]),
    );
  });

  it("migrating again applies nothing and keeps data", async () => {
    await database.executeSql(
      "INSERT INTO repositories (host, owner, name, url, visibility) VALUES ('git', 'o', 'n', 'https://example.test/o/n.git', 'public')",
    );
    await migrate(database);
    const { rows } = await database.executeSql<{ n: number }>("SELECT count(*)::int AS n FROM repositories");
    expect(rows[0]?.n).toBe(1);
  });

  it("executeSql runs a parameterless multi-statement script as pg-boss sends them", async () => {
    const { rows } = await database.executeSql<{ x: number }>("SELECT 1 AS x; SELECT 2 AS x");
    expect(rows).toEqual([{ x: 2 }]);
  });

  it("executeSql binds parameters", async () => {
    const { rows } = await database.executeSql<{ s: string }>("SELECT $1::text || $2::text AS s", ["a", "b"]);
    expect(rows).toEqual([{ s: "ab" }]);
  });
});
