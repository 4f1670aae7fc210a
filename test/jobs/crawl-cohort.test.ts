// Defining cohorts against the mock GitHub: search split into created-date windows under the
// 1,000-result cap, a seeded sample by id, an owner/name list; frozen with their definition.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineCohort, freezeCohort, parseRepositoryList } from "../../src/jobs/crawl-cohort.js";
import { cohortMembers } from "../../src/jobs/crawl.js";
import { createdRange, enumerateSearch, splitWindow } from "../../src/sources/github/search.js";
import { findMaxRepositoryId, sampleRepositories, seededIds } from "../../src/sources/github/sample.js";
import { CohortDefinitionConflictError, findCohortRecord } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { MockWorld, startMockGitHub, type MockGitHub, type MockRepository } from "../support/mock-github/index.js";
import { Octokit } from "@octokit/rest";
import { createGitHubClient, type GitHubClient } from "../../src/sources/github/index.js";

/**
 * A client without Octokit's throttling: its search lane waits 2 s between searches (GitHub's
 * 30 a minute), which would make these listings take minutes against the mock.
 */
function plainClient(server: MockGitHub): GitHubClient {
  return createGitHubClient({ octokit: new Octokit({ baseUrl: server.url }), baseUrl: server.url });
}

const DAY = 86_400_000;
let mock: MockGitHub;
let world: MockWorld;

function repository(index: number, createdAt: string, extra: Partial<MockRepository> = {}): Omit<MockRepository, "id"> {
  return {
    owner: `owner${index % 13}`,
    name: `repo-${index}`,
    visibility: "PUBLIC",
    fork: index % 10 === 0,
    archived: false,
    stars: 40 + (index % 30),
    language: null,
    createdAt,
    pushedAt: "2026-01-01T00:00:00Z",
    defaultBranch: "main",
    commits: [],
    files: [],
    pathHistory: {},
    pullRequests: [],
    ...extra,
  };
}

beforeAll(async () => {
  world = new MockWorld();
  // 2,600 repositories over ~7 years, denser lately (as on GitHub): one query would hit the cap.
  const start = Date.parse("2019-01-01T00:00:00Z");
  for (let index = 0; index < 2600; index++) {
    const position = Math.sqrt(index / 2600); // more of them late
    world.add(repository(index, new Date(start + position * 2500 * DAY).toISOString()));
  }
  // 1,100 created within the same second: no window can split them.
  for (let index = 0; index < 1100; index++) world.add(repository(10_000 + index, "2018-06-01T12:00:00Z", { stars: 500 }));
  // Not public: never in a search.
  for (let index = 0; index < 50; index++) world.add(repository(20_000 + index, "2020-01-01T00:00:00Z", { visibility: "PRIVATE", stars: 100 }));
  mock = await startMockGitHub({ world });
});

afterAll(async () => {
  await mock?.close();
});

describe("search cohorts", () => {
  it("reads the query's own created: qualifier as the outer window", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(createdRange("stars:>=50 created:>=2024-01-01", now)).toEqual({ base: "stars:>=50", from: Date.parse("2024-01-01T00:00:00Z"), to: now.getTime() });
    const range = createdRange("created:2020-01-01..2020-12-31 fork:false", now);
    expect(range.base).toBe("fork:false");
    expect(new Date(range.to).toISOString()).toBe("2020-12-31T23:59:59.000Z");
  });

  it("cuts a window into parts that together cover it exactly, second by second", () => {
    const start = Date.parse("2020-01-01T00:00:00Z");
    const end = start + 10 * DAY - 1000;
    const windows = splitWindow(start, end, 5000);
    expect(windows[0]?.[0]).toBe(start);
    expect(windows.at(-1)?.[1]).toBe(end);
    for (let index = 1; index < windows.length; index++) expect(windows[index]?.[0]).toBe((windows[index - 1]?.[1] ?? 0) + 1000);
  });

  it("lists every match once through created-date windows under the 1,000 cap", async () => {
    const client = plainClient(mock);
    const found = await enumerateSearch(client, "stars:>=50 fork:false created:>=2019-01-01", { now: new Date("2026-06-01T00:00:00Z") });
    const expected = [...world.repositories.values()].filter(
      (repo) => repo.visibility === "PUBLIC" && !repo.fork && repo.stars >= 50 && Date.parse(repo.createdAt) >= Date.parse("2019-01-01"),
    );
    expect(expected.length).toBeGreaterThan(1000);
    expect(found.repositories.map((repo) => repo.githubId).sort()).toEqual(expected.map((repo) => repo.id).sort());
    expect(found.slices.length).toBeGreaterThan(1);
    expect(found.slices.every((slice) => slice.totalCount <= 1000)).toBe(true);
    expect(found.overflowed).toEqual([]);
  });

  it("reports a window that cannot be cut below 1,000 results as overflowed", async () => {
    const client = plainClient(mock);
    const found = await enumerateSearch(client, "stars:>=500 created:2018-06-01..2018-06-02", { now: new Date("2026-06-01T00:00:00Z") });
    expect(found.repositories).toHaveLength(1000);
    expect(found.overflowed).toHaveLength(1);
    expect(found.overflowed[0]).toMatchObject({ from: "2018-06-01T12:00:00Z", to: "2018-06-01T12:00:00Z", totalCount: 1100, fetched: 1000, overflowed: true });
  });
});

describe("sampled cohorts", () => {
  let sampled: MockGitHub;
  const sampleWorld = new MockWorld();

  beforeAll(async () => {
    // Ids 1..600: every third deleted, every seventh private, as in GitHub's id space.
    for (let id = 1; id <= 600; id++) {
      if (id % 3 === 0) continue;
      sampleWorld.add({ ...repository(id, "2020-01-01T00:00:00Z", { visibility: id % 7 === 0 ? "PRIVATE" : "PUBLIC" }), id });
    }
    sampled = await startMockGitHub({ world: sampleWorld });
  });

  afterAll(async () => {
    await sampled?.close();
  });

  it("draws the same ids from the same seed, different ones from another", () => {
    const take = (seed: string) => Array.from({ length: 20 }, ((ids) => () => ids.next().value as number)(seededIds(seed, 1_000_000)));
    expect(take("census-2026")).toEqual(take("census-2026"));
    expect(take("census-2026")).not.toEqual(take("other"));
    expect(take("census-2026").every((id) => id >= 1 && id <= 1_000_000)).toBe(true);
  });

  it("finds the newest public repository id by bisecting GET /repositories?since=", async () => {
    const publicIds = [...sampleWorld.repositories.values()].filter((repo) => repo.visibility === "PUBLIC").map((repo) => repo.id);
    expect(await findMaxRepositoryId(plainClient(sampled))).toBe(Math.max(...publicIds));
  });

  it("keeps only existing public repositories and is reproducible", async () => {
    const client = plainClient(sampled);
    const first = await sampleRepositories(client, { size: 60, seed: "s1" });
    const again = await sampleRepositories(client, { size: 60, seed: "s1" });
    const other = await sampleRepositories(client, { size: 60, seed: "s2" });
    const ids = first.repositories.map((repo) => repo.githubId);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(first.maxId).toBe(599);
    expect(ids).toEqual(again.repositories.map((repo) => repo.githubId));
    expect(ids).not.toEqual(other.repositories.map((repo) => repo.githubId));
    expect(ids.every((id) => id % 3 !== 0 && id % 7 !== 0)).toBe(true);
    // Rejected draws (deleted or private ids) are counted, and there were some.
    expect(first.drawn).toBeGreaterThan(60);
  });
});

describe("list cohorts and freezing", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase();
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  it("parses owner/name lines, skipping comments, blanks and duplicates", () => {
    const parsed = parseRepositoryList("# cohort\nowner1/repo-1\n\nhttps://github.com/owner2/repo-2.git\nOWNER1/REPO-1\nnot a repo\n");
    expect(parsed.names).toEqual(["owner1/repo-1", "owner2/repo-2"]);
    expect(parsed.invalid).toEqual(["not a repo"]);
  });

  it("freezes the found members with a definition naming the ones not found", async () => {
    const client = plainClient(mock);
    const cohort = await defineCohort(client, "listed", { kind: "list", file: "repos.txt", names: ["owner1/repo-1", "owner2/repo-2", "nobody/nothing"] }, { now: new Date("2026-02-01T00:00:00Z") });
    expect(cohort.definition).toMatchObject({ source: "list", entries: 3, notFound: ["nobody/nothing"], members: 2 });
    await freezeCohort(database, cohort);
    const record = await findCohortRecord(database, "listed");
    expect(record).toMatchObject({ members: 2, frozenAt: new Date("2026-02-01T00:00:00Z") });
    expect((await cohortMembers(database, "listed")).map((member) => `${member.owner}/${member.name}`).sort()).toEqual(["owner1/repo-1", "owner2/repo-2"]);
    // Frozen: the same name with another rule is refused.
    const other = await defineCohort(client, "listed", { kind: "list", file: "repos.txt", names: ["owner3/repo-3"] });
    await expect(freezeCohort(database, other)).rejects.toBeInstanceOf(CohortDefinitionConflictError);
  });
});
