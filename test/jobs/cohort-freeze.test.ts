// Cohort creation that streams (issue 20): members are frozen in bounded batches, one transaction
// each; a freeze interrupted half-way is resumed by running it again (the stored batches are
// skipped, nothing is stored twice), and progress is reported per batch.
import { afterAll, beforeAll, expect, it } from "vitest";
import { freezeCohort, type FrozenCohort } from "../../src/jobs/crawl-cohort.js";
import type { RepositoryFacts } from "../../src/sources/github/index.js";
import { cohortComplete, findCohortRecord, type FreezeProgress } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database?.cleanup();
});

const SIZE = 12_000;

function member(index: number): RepositoryFacts {
  return {
    githubId: 5_000_000 + index,
    host: "github.com",
    owner: `owner-${index % 997}`,
    name: `repo-${index}`,
    visibility: "public",
    fork: index % 10 === 0,
    archived: index % 50 === 0,
    stars: index % 300,
    language: index % 3 === 0 ? "TypeScript" : null,
    createdAt: new Date(Date.UTC(2015, 0, 1) + index * 60_000),
    pushedAt: new Date(Date.UTC(2025, 9, 1) + index * 1000),
    defaultBranch: "main",
  };
}

/** The sample's members as a generator: the freeze holds one batch, never the whole list. */
function* members(): Generator<RepositoryFacts> {
  for (let index = 0; index < SIZE; index++) yield member(index);
}

const cohort = (list: Iterable<RepositoryFacts>): Omit<FrozenCohort, "members"> & { members: Iterable<RepositoryFacts> } => ({
  name: "big-sample",
  frozenAt: new Date("2026-01-01T00:00:00Z"),
  definition: { source: "sample", size: SIZE, seed: "s", host: "github.com", idRange: [1, 9_000_000], drawn: SIZE, method: "test", members: SIZE },
  members: list,
});

it("an interrupted freeze is resumed: stored batches are skipped, every member stored once, progress per batch", async () => {
  const seen: FreezeProgress[] = [];
  const interrupted = await freezeCohort(database, cohort(members()), {
    batchSize: 3000,
    onProgress: (progress) => {
      seen.push(progress);
      if (progress.batches === 2) throw new Error("killed");
    },
  }).catch((error: unknown) => error);
  expect((interrupted as Error).message).toBe("killed");
  const half = await findCohortRecord(database, "big-sample");
  expect(half?.members).toBe(6000);
  expect(cohortComplete(half!)).toBe(false);

  const progress: FreezeProgress[] = [];
  const resumed = await freezeCohort(database, cohort(members()), { batchSize: 3000, onProgress: (next) => void progress.push(next) });
  expect(resumed).toEqual({ members: SIZE, skippedBatches: 2 });
  expect(progress.map((item) => item.stored)).toEqual([3000, 6000, 9000, 12_000]);
  expect(progress.at(-1)?.skippedBatches).toBe(2);
  const whole = await findCohortRecord(database, "big-sample");
  expect(whole?.members).toBe(SIZE);
  expect(cohortComplete(whole!)).toBe(true);

  const rows = await database.executeSql<{ repositories: number; distinct_ids: number; archived: number }>(
    "SELECT count(*)::int AS repositories, count(DISTINCT github_id)::int AS distinct_ids, count(*) FILTER (WHERE archived)::int AS archived FROM repositories WHERE github_id >= 5000000",
  );
  expect(rows.rows[0]).toEqual({ repositories: SIZE, distinct_ids: SIZE, archived: SIZE / 50 });
});

it("the same name under another rule is refused, even half-frozen", async () => {
  const other = { ...cohort(members()), definition: { ...cohort([]).definition, seed: "other" } as FrozenCohort["definition"] };
  await expect(freezeCohort(database, other)).rejects.toThrow(/definition|rule/i);
});
