import nock from "nock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { agentClassOf } from "../../../src/agents/index.js";
import { classifyCommit } from "../../../src/detect/index.js";
import type { CommitInput } from "../../../src/detect/types.js";
import { QUEUES } from "../../../src/jobs/queue.js";
import { isMergeCommit, observeCommit } from "../../../src/scan/observe.js";
import { PUSH_PAYLOAD_COMMIT_CAP } from "../../../src/sources/webhooks/index.js";
import { recordScan, repoTimeline } from "../../../src/store/index.js";
import { loadFixture } from "../../support/fixtures.js";
import { deliveryId, openAppHarness, pushPayload, type AppHarness } from "../../app/harness.js";

// Real default-branch commits (claude-code-action carries Claude and Cursor trailers), oldest first.
const history = loadFixture("anthropics__claude-code-action").commits.slice().reverse();

function expectedAgentCommits(commits: readonly CommitInput[]): number {
  return commits.filter(
    (commit) =>
      !isMergeCommit(commit, false) &&
      classifyCommit(commit).evidence.some((evidence) => evidence.strength === "strong" && agentClassOf(evidence.agent) === "coding-agent"),
  ).length;
}

const totals = (timeline: Awaited<ReturnType<typeof repoTimeline>>) => ({
  commits: timeline?.months.reduce((sum, month) => sum + month.commits, 0) ?? 0,
  agentCommits: timeline?.months.reduce((sum, month) => sum + month.agentCommits, 0) ?? 0,
});

describe("push webhooks", () => {
  let harness: AppHarness;

  beforeAll(async () => {
    nock.disableNetConnect();
    harness = await openAppHarness();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await harness?.close();
  });
  beforeEach(() => nock.cleanAll());

  it("records a default-branch push from the payload alone, with no API call", async () => {
    const commits = history.slice(0, 20);
    const expected = expectedAgentCommits(commits);
    expect(expected).toBeGreaterThan(0);
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(commits, { repositoryId: 501, before: "a".repeat(40) }) as never });
    const timeline = await repoTimeline(harness.database, { githubId: 501 });
    expect(totals(timeline)).toEqual({ commits: commits.filter((c) => !isMergeCommit(c, false)).length, agentCommits: expected });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a redelivered push changes nothing", async () => {
    const commits = history.slice(20, 40);
    const id = deliveryId();
    const payload = pushPayload(commits, { repositoryId: 502, before: "b".repeat(40) });
    await harness.receive({ id, name: "push", payload: payload as never });
    const first = await repoTimeline(harness.database, { githubId: 502 });
    await harness.receive({ id, name: "push", payload: payload as never });
    const second = await repoTimeline(harness.database, { githubId: 502 });
    expect(totals(second)).toEqual(totals(first));
    expect(second?.months).toEqual(first?.months);
    expect(totals(first).commits).toBeGreaterThan(0);
  });

  it("ignores pushes to other branches and tags", async () => {
    const commits = history.slice(0, 5);
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(commits, { repositoryId: 503, ref: "refs/heads/feature", before: "c".repeat(40) }) as never });
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(commits, { repositoryId: 503, ref: "refs/tags/v1", before: "c".repeat(40) }) as never });
    expect(await repoTimeline(harness.database, { githubId: 503 })).toBeNull();
  });

  it("stores no commit message and no email", async () => {
    const commits = history.slice(40, 60);
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(commits, { repositoryId: 504, before: "d".repeat(40) }) as never });
    const dump = JSON.stringify((await harness.database.executeSql("SELECT * FROM commits")).rows);
    for (const commit of commits) {
      const body = commit.message.split("\n").slice(2).join("\n").trim();
      if (body.length > 40) expect(dump).not.toContain(body.slice(0, 40));
      if (commit.author.email.includes("@") && !commit.author.email.includes("noreply")) expect(dump).not.toContain(commit.author.email);
    }
  });

  it("records config files a push adds, and their removal by a later push", async () => {
    const [first, second] = history.slice(60, 62) as [CommitInput, CommitInput];
    await harness.receive({
      id: deliveryId(),
      name: "push",
      payload: pushPayload([first], { repositoryId: 505, before: "e".repeat(40), added: { [first.sha]: ["CLAUDE.md", "src/index.ts"] } }) as never,
    });
    let files = (await repoTimeline(harness.database, { githubId: 505 }))?.configFiles ?? [];
    expect(files.map((file) => [file.path, file.agent, file.removedAt])).toEqual([["CLAUDE.md", "claude-code", null]]);
    expect(files[0]?.addedAt?.toISOString()).toBe(new Date(first.committer.date).toISOString());
    await harness.receive({
      id: deliveryId(),
      name: "push",
      payload: pushPayload([second], { repositoryId: 505, before: first.sha, removed: { [second.sha]: ["CLAUDE.md"] } }) as never,
    });
    files = (await repoTimeline(harness.database, { githubId: 505 }))?.configFiles ?? [];
    expect(files[0]?.removedAt).not.toBeNull();
  });

  it("a force-push queues one window rescan per repository, however many arrive", async () => {
    const before = await harness.queued(QUEUES.rescan);
    const commits = history.slice(70, 72);
    for (let i = 0; i < 3; i++) {
      await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(commits, { repositoryId: 506, before: `${i}`.repeat(40), after: `${i + 1}`.repeat(40), forced: true }) as never });
    }
    expect(await harness.queued(QUEUES.rescan)).toBe(before + 1);
  });

  it("a contiguous push queues nothing; one whose before is not the stored head (a missed delivery) queues a rescan", async () => {
    const [a, b, c] = history.slice(80, 83) as [CommitInput, CommitInput, CommitInput];
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload([a], { repositoryId: 507, before: "f".repeat(40) }) as never });
    // The first push to a repository never scanned needs its history: that rescan runs (here: a
    // recorded window scan whose head is the pushed commit) and leaves the queue.
    const taken = await harness.queue.boss.fetch(QUEUES.rescan, { batchSize: 100 });
    for (const job of taken) await harness.queue.boss.complete(QUEUES.rescan, job.id);
    const now = new Date();
    await recordScan(harness.database, {
      repo: { githubId: 507, host: "github.com", owner: "Codertocat", name: "Hello-World", visibility: "public", fork: false, archived: false, stars: 0, language: null, createdAt: null, pushedAt: null, defaultBranch: "master" },
      tracking: { installationId: 1 },
      window: { since: new Date("2020-01-01T00:00:00Z") },
      mode: "window",
      head: a.sha,
      commits: [observeCommit(a)],
      configFiles: null,
      pullRequests: [],
      cost: { graphqlPoints: 1, httpRequests: 1 },
      startedAt: now,
      finishedAt: now,
    });
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload([b], { repositoryId: 507, before: a.sha }) as never });
    expect(await harness.queued(QUEUES.rescan)).toBe(0);
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload([c], { repositoryId: 507, before: "9".repeat(40) }) as never });
    expect(await harness.queued(QUEUES.rescan)).toBe(1);
  });

  it("a push larger than the payload holds fetches the rest from the compare API", async () => {
    // GitHub caps the payload's commits; the compare API lists all of them (100 a page).
    const all: CommitInput[] = Array.from({ length: PUSH_PAYLOAD_COMMIT_CAP + 150 }, (_, i) => {
      const source = history[i % history.length] as CommitInput;
      return { ...source, sha: i.toString(16).padStart(40, "0"), parents: ["p".repeat(40)] };
    });
    const inPayload = all.slice(0, PUSH_PAYLOAD_COMMIT_CAP);
    const pages = Math.ceil(all.length / 100);
    const api = nock("https://api.github.com");
    for (let page = 1; page <= pages; page++) {
      api
        .get(`/repos/Codertocat/Hello-World/compare/${"1".repeat(40)}...${all.at(-1)?.sha}`)
        .query({ per_page: "100", page: String(page) })
        .reply(200, {
          total_commits: all.length,
          commits: all.slice((page - 1) * 100, page * 100).map((commit) => ({
            sha: commit.sha,
            parents: commit.parents.map((sha) => ({ sha })),
            commit: { message: commit.message, author: commit.author, committer: commit.committer },
            author: null,
            committer: null,
          })),
          files: page === 1 ? [{ filename: "AGENTS.md", status: "added" }] : undefined,
        });
    }
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(inPayload, { repositoryId: 508, before: "1".repeat(40), after: all.at(-1)?.sha }) as never });
    expect(nock.pendingMocks()).toEqual([]);
    const timeline = await repoTimeline(harness.database, { githubId: 508 });
    const stored = await harness.database.executeSql<{ count: string }>("SELECT count(*)::text AS count FROM commits c JOIN repositories r ON r.id = c.repo_id WHERE r.github_id = 508");
    expect(Number(stored.rows[0]?.count)).toBe(all.length);
    expect(timeline?.configFiles.map((file) => file.path)).toContain("AGENTS.md");
  });
});
