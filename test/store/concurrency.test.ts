import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohort, monthlyShare, recordPush, recordScan } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { classOf, commit, repoFacts, scan, strong } from "./builders.js";

// On real Postgres the writes below run on several pooled connections at once; on PGlite they
// queue. Either way the counters must end equal to a recount and nothing may deadlock.
describe("concurrent writes", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase({ classOf });
  });
  afterAll(async () => {
    await database.cleanup();
  });

  it("parallel scans, pushes and redeliveries of overlapping repos keep the counters exact", async () => {
    await createCohort(database, { name: "busy", definition: { busy: true }, members: [], frozenAt: new Date("2026-01-01T00:00:00Z") });
    const repos = Array.from({ length: 8 }, (_, i) => repoFacts({ githubId: 500 + i * 16 })); // one counter shard
    const history = (i: number) => [
      commit(`h${i}-1`, "2026-01-10T00:00:00Z", i % 2 ? [strong("agent-a")] : []),
      commit(`h${i}-2`, "2026-02-10T00:00:00Z", i % 3 ? [] : [strong("agent-c")]),
      commit(`h${i}-3`, "2026-03-10T00:00:00Z"),
    ];
    const writes = repos.flatMap((repo, i) => [
      () => recordScan(database, scan(repo, history(i), { tracking: { cohort: "busy" } })),
      () => recordScan(database, scan(repo, history(i).slice(0, 2), { mode: "incremental" })),
      () => recordPush(database, { repo, before: "x", after: `h${i}-3`, forced: false, commits: history(i).slice(2) }),
      () => recordPush(database, { repo, before: "x", after: `h${i}-3`, forced: false, commits: history(i).slice(2) }),
    ]);
    await Promise.all(writes.map((write) => write()));
    const [jan, feb] = await monthlyShare(database, { scope: { kind: "cohort", name: "busy" }, from: "2026-01", to: "2026-02" });
    expect(jan?.activeRepos).toBe(8);
    expect(jan?.withAgent.commit.count).toBe(4);
    expect(feb?.withAgent.commit.count).toBe(3); // i = 0, 3, 6
    const publicShare = await monthlyShare(database, { scope: { kind: "public" }, from: "2026-03", to: "2026-03" });
    expect(publicShare[0]?.activeRepos).toBe(8);
  });
});
