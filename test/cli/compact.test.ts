// `agent-census compact --older-than N` on the embedded database: old commit facts go, the
// month aggregates (and with them every report figure) stay.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, openDatabase, recordScan, repoTimeline } from "../../src/store/index.js";
import { runCli } from "../reliability/support/cli.js";
import { commit, repoFacts, scan, strong } from "../store/builders.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "agent-census-compact-"));
});
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(args, { DATA_DIR: join(folder, "data") });

describe("agent-census compact", () => {
  it("deletes commit rows older than the retention and keeps the months' figures", async () => {
    const database = await openDatabase({ dataDir: join(folder, "data") });
    await migrate(database);
    // Years old, whatever today is: always past a 4-month retention.
    await recordScan(database, scan(repoFacts({ githubId: 7 }), [commit("a1", "2020-03-02T00:00:00Z", [strong("agent-a")]), commit("a2", "2020-04-02T00:00:00Z")]));
    const before = await repoTimeline(database, { githubId: 7 });
    await database.close();

    const refused = await cli("compact", "--older-than", "3");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/at least 4 months/);

    const run = await cli("compact", "--older-than", "4", "--json");
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ repositories: 1, commits: 1, evidence: 1 });
    const again = await cli("compact", "--older-than", "4");
    expect(again.stdout).toMatch(/nothing to compact before \d{4}-\d{2}/);

    const after = await openDatabase({ dataDir: join(folder, "data") });
    try {
      expect(await repoTimeline(after, { githubId: 7 })).toEqual(before);
      // The head stays: the next incremental scan asks for history from its date.
      expect((await after.executeSql<{ sha: string }>("SELECT sha FROM commits")).rows).toEqual([{ sha: "a2" }]);
    } finally {
      await after.close();
    }
  }, 120_000);
});
