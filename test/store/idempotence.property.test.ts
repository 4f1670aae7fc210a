// Random interleavings of every write a repository can see must leave the same derived months
// as one clean scan of the final default branch.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordPullRequests, recordPush, recordScan, type ObservedCommit, type ObservedPullRequest } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { classOf, commit, repoFacts, scan, strong, weak } from "./builders.js";

const months = ["2026-01", "2026-02", "2026-03", "2026-04"];
const evidenceChoices = [[], [], [strong("agent-a")], [weak("agent-b")], [strong("reviewer-x")], [strong("agent-c", "identity")]];

const commitArbitrary = fc
  .record({
    month: fc.integer({ min: 0, max: months.length - 1 }),
    // Day 0 = the first second of the month, day 29 ≈ its last: month boundaries get exercised.
    day: fc.integer({ min: 0, max: 29 }),
    evidence: fc.integer({ min: 0, max: evidenceChoices.length - 1 }),
    isMerge: fc.boolean(),
  })
  .map(({ month, day, evidence, isMerge }) => ({ month, day, evidence, isMerge }));

type Op =
  | { kind: "full-window" }
  | { kind: "partial-window"; from: number; to: number }
  | { kind: "incremental"; pick: number[] }
  | { kind: "push"; pick: number[] }
  | { kind: "redeliver" }
  | { kind: "pull-requests" }
  | { kind: "fail-then-retry"; inner: "push" | "full-window" };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: "full-window" }),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 })).map(([a, b]): Op => ({ kind: "partial-window", from: Math.min(a, b - 1), to: Math.max(a + 1, b) })),
  fc.array(fc.nat(), { maxLength: 6 }).map((pick): Op => ({ kind: "incremental", pick })),
  fc.array(fc.nat(), { maxLength: 6 }).map((pick): Op => ({ kind: "push", pick })),
  fc.constant<Op>({ kind: "redeliver" }),
  fc.constant<Op>({ kind: "pull-requests" }),
  fc.constantFrom<"push" | "full-window">("push", "full-window").map((inner): Op => ({ kind: "fail-then-retry", inner })),
);

const scenarioArbitrary = fc.record({
  before: fc.array(commitArbitrary, { minLength: 1, maxLength: 12 }),
  added: fc.array(commitArbitrary, { maxLength: 5 }),
  dropMask: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  forcePush: fc.boolean(),
  opsBefore: fc.array(opArbitrary, { maxLength: 6 }),
  opsAfter: fc.array(opArbitrary, { maxLength: 6 }),
  rescanAt: fc.nat(),
});

function monthStartDate(index: number): Date {
  return new Date(`${months[index] ?? "2026-05"}-01T00:00:00Z`);
}

function toCommits(prefix: string, specs: Array<{ month: number; day: number; evidence: number; isMerge: boolean }>): ObservedCommit[] {
  return specs.map((s, i) => {
    const start = monthStartDate(s.month).getTime();
    const date = s.day === 29 ? new Date(monthStartDate(s.month + 1).getTime() - 1000) : new Date(start + s.day * 86_400_000);
    return commit(`${prefix}${i}`, date.toISOString(), evidenceChoices[s.evidence] ?? [], s.isMerge);
  });
}

const pullRequests: ObservedPullRequest[] = [
  { number: 7, createdAt: new Date("2026-02-14T00:00:00Z"), mergedAt: null, state: "open", headRef: "agent-a/x", authorLogin: "agent-a[bot]", evidence: [strong("agent-a", "pr-author")] },
  { number: 8, createdAt: new Date("2026-04-30T23:59:59Z"), mergedAt: null, state: "closed", headRef: "agent-b/y", authorLogin: null, evidence: [weak("agent-b")] },
];

describe("writes are idempotent (property)", () => {
  let database: TestDatabase;
  let nextGithubId = 1000;

  beforeAll(async () => {
    database = await openTestDatabase({ classOf });
    // Injected failure: while fail_switch has a row, inserting derived rows (the LAST step of a
    // write) raises, so the write's earlier fact rows must roll back with it.
    await database.executeSql(`CREATE TABLE fail_switch (armed boolean)`);
    await database.executeSql(`CREATE FUNCTION fail_if_armed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF EXISTS (SELECT 1 FROM fail_switch) THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await database.executeSql(`CREATE TRIGGER fail_if_armed BEFORE INSERT ON repo_months FOR EACH ROW EXECUTE FUNCTION fail_if_armed()`);
  });
  afterAll(async () => {
    await database.cleanup();
  });

  async function derivedRows(repoId: number) {
    const months = await database.executeSql(
      `SELECT to_char(month, 'YYYY-MM') AS month, is_public, commits, agent_commits, coding_commit, coding_pr, coding_config, coding_upper,
              assistant_commit, assistant_pr, assistant_config, assistant_upper
       FROM repo_months WHERE repo_id = $1 ORDER BY month`,
      [repoId],
    );
    const agents = await database.executeSql(
      `SELECT to_char(month, 'YYYY-MM') AS month, agent, agent_class, commits, via_commit, via_pr, via_config, weak
       FROM repo_month_agents WHERE repo_id = $1 ORDER BY month, agent`,
      [repoId],
    );
    const commits = await database.executeSql(`SELECT sha FROM commits WHERE repo_id = $1 ORDER BY sha`, [repoId]);
    return { months: months.rows, agents: agents.rows, commits: commits.rows };
  }

  const counterTotals = async () =>
    (await database.executeSql(
      `SELECT scope, to_char(month, 'YYYY-MM') AS month, sum(active)::int AS active, sum(coding_any)::int AS any, sum(coding_upper)::int AS upper,
              sum(assistant_any)::int AS assistants
       FROM month_counts GROUP BY 1, 2 HAVING sum(active) > 0 ORDER BY 1, 2`,
    )).rows;
  const recountTotals = async () =>
    (await database.executeSql(
      `SELECT 'public' AS scope, to_char(month, 'YYYY-MM') AS month, count(*)::int AS active,
              count(*) FILTER (WHERE coding_commit OR coding_pr OR coding_config)::int AS any, count(*) FILTER (WHERE coding_upper)::int AS upper,
              count(*) FILTER (WHERE assistant_commit OR assistant_pr OR assistant_config)::int AS assistants
       FROM repo_months WHERE is_public GROUP BY 1, 2 ORDER BY 1, 2`,
    )).rows;

  it("any interleaving equals one clean scan of the final branch", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const id = nextGithubId++;
        const repo = repoFacts({ githubId: id, name: `messy-${id}` });
        const original = toCommits(`s${id}-`, scenario.before);
        const forced = scenario.forcePush;
        const final = forced
          ? [...original.filter((_, i) => !scenario.dropMask[i]), ...toCommits(`n${id}-`, scenario.added)]
          : original;
        let branch = original;
        let lastPush: Parameters<typeof recordPush>[1] | null = null;
        let head = "root";

        const fullWindow = () => recordScan(database, scan(repo, branch, { head: branch.at(-1)?.sha ?? null }));
        const push = (commits: ObservedCommit[], isForced = false) => {
          const after = commits.at(-1)?.sha ?? head;
          lastPush = { repo, before: head, after, forced: isForced, commits };
          head = after;
          return recordPush(database, lastPush);
        };
        const apply = async (op: Op): Promise<void> => {
          switch (op.kind) {
            case "full-window":
              await fullWindow();
              return;
            case "partial-window": {
              const since = monthStartDate(op.from);
              const until = monthStartDate(op.to);
              const inWindow = branch.filter((c) => c.committedAt >= since && c.committedAt < until);
              await recordScan(database, scan(repo, inWindow, { window: { since, until } }));
              return;
            }
            case "incremental":
            case "push": {
              if (branch.length === 0) return;
              const picked = [...new Set(op.pick.map((i) => i % branch.length))].map((i) => branch[i]!);
              if (op.kind === "push") await push(picked);
              else await recordScan(database, scan(repo, picked, { mode: "incremental" }));
              return;
            }
            case "redeliver":
              if (lastPush) await recordPush(database, lastPush);
              return;
            case "pull-requests":
              await recordPullRequests(database, repo, pullRequests);
              return;
            case "fail-then-retry": {
              const write = op.inner === "push" ? () => push(branch.slice(-2)) : fullWindow;
              await database.executeSql("INSERT INTO fail_switch VALUES (true)");
              try {
                await write().catch((error: unknown) => {
                  // drizzle wraps the driver's error: the injected one is the cause.
                  const cause = (error as { cause?: unknown }).cause;
                  if (!`${String(error)} ${String(cause)}`.includes("injected failure")) throw error;
                });
              } finally {
                await database.executeSql("DELETE FROM fail_switch");
              }
              if (op.inner === "push" && lastPush) await recordPush(database, lastPush);
              else await write();
              return;
            }
          }
        };

        for (const op of scenario.opsBefore) await apply(op);
        if (forced) {
          branch = final;
          // The force-push delivers only the new commits; a window rescan must drop the others.
          await push(final.slice(original.length - scenario.dropMask.slice(0, original.length).filter(Boolean).length), true);
        }
        const rescanAt = scenario.rescanAt % (scenario.opsAfter.length + 1);
        for (const [i, op] of scenario.opsAfter.entries()) {
          if (forced && i === rescanAt) await fullWindow();
          await apply(op);
        }
        if (forced && rescanAt === scenario.opsAfter.length) await fullWindow();
        // Whatever was never observed gets observed, by pushes in two halves.
        await push(final.slice(0, Math.ceil(final.length / 2)));
        await push(final.slice(Math.ceil(final.length / 2)));
        await recordPullRequests(database, repo, pullRequests);

        const { repoId } = { repoId: (await database.executeSql<{ id: number }>("SELECT id FROM repositories WHERE github_id = $1", [id])).rows[0]!.id };
        const clean = repoFacts({ githubId: id + 1_000_000, name: `clean-${id}` });
        const { repoId: cleanId } = await recordScan(database, scan(clean, final, { pullRequests }));
        expect(await derivedRows(repoId)).toEqual(await derivedRows(cleanId));
        // The scope counters moved by deltas must equal a recount of the derived rows.
        expect(await counterTotals()).toEqual(await recountTotals());
      }),
      { numRuns: Number(process.env.STORE_PROPERTY_RUNS ?? 25) },
    );
  });
});
