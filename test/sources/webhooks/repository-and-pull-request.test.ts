import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRepositories, repoTimeline } from "../../../src/store/index.js";
import { loadFixture } from "../../support/fixtures.js";
import { deliveryId, examplePayload, openAppHarness, pushPayload, type AppHarness } from "../../app/harness.js";

const history = loadFixture("sindresorhus__ky").commits.slice(0, 8).reverse();

type PullRequestPayload = {
  action: string;
  repository: { id: number };
  installation?: { id: number };
  pull_request: { number: number; user: { login: string; type: string }; head: { ref: string }; body: string | null; state: string; merged: boolean; merged_at: string | null; created_at: string };
};

function pullRequest(action: "opened" | "closed", number: number, author: string, change: Partial<PullRequestPayload["pull_request"]> = {}): PullRequestPayload {
  const payload = examplePayload<PullRequestPayload>("pull_request", (p) => p.action === action && p.installation !== undefined);
  payload.repository.id = 186853002;
  payload.pull_request = { ...payload.pull_request, number, user: { ...payload.pull_request.user, login: author, type: author.endsWith("[bot]") ? "Bot" : "User" }, ...change };
  return payload;
}

describe("pull_request webhooks", () => {
  let harness: AppHarness;

  beforeAll(async () => {
    nock.disableNetConnect();
    harness = await openAppHarness();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await harness?.close();
  });

  it("records a pull request opened by an agent's bot account, and its merge", async () => {
    await harness.receive({ id: deliveryId(), name: "pull_request", payload: pullRequest("opened", 11, "copilot-swe-agent[bot]", { head: { ref: "copilot/fix-11" } }) as never });
    let stored = (await repoTimeline(harness.database, { githubId: 186853002 }))?.pullRequests ?? [];
    expect(stored.map((pr) => [pr.number, pr.state, pr.agents])).toEqual([[11, "open", ["copilot"]]]);
    expect(stored[0]?.authorLogin).toBe("copilot-swe-agent[bot]");
    const mergedAt = "2026-11-20T10:00:00Z";
    await harness.receive({ id: deliveryId(), name: "pull_request", payload: pullRequest("closed", 11, "copilot-swe-agent[bot]", { head: { ref: "copilot/fix-11" }, state: "closed", merged: true, merged_at: mergedAt }) as never });
    stored = (await repoTimeline(harness.database, { githubId: 186853002 }))?.pullRequests ?? [];
    expect(stored.map((pr) => [pr.number, pr.state, pr.mergedAt?.toISOString()])).toEqual([[11, "merged", new Date(mergedAt).toISOString()]]);
  });

  it("never stores a person's pull request, nor their login", async () => {
    await harness.receive({ id: deliveryId(), name: "pull_request", payload: pullRequest("opened", 12, "Codertocat", { head: { ref: "fix-typo" }, body: "Fixes a typo" }) as never });
    const stored = (await repoTimeline(harness.database, { githubId: 186853002 }))?.pullRequests ?? [];
    expect(stored.map((pr) => pr.number)).not.toContain(12);
    const dump = JSON.stringify((await harness.database.executeSql("SELECT * FROM pull_requests")).rows);
    expect(dump).not.toContain("Codertocat");
  });

  it("a redelivered pull request changes nothing", async () => {
    const id = deliveryId();
    const payload = pullRequest("opened", 13, "Codertocat", { head: { ref: "claude/issue-13" }, body: "🤖 Generated with [Claude Code](https://claude.com/claude-code)" });
    await harness.receive({ id, name: "pull_request", payload: payload as never });
    const first = (await repoTimeline(harness.database, { githubId: 186853002 }))?.pullRequests;
    await harness.receive({ id, name: "pull_request", payload: payload as never });
    const second = (await repoTimeline(harness.database, { githubId: 186853002 }))?.pullRequests;
    expect(second).toEqual(first);
    expect(first?.find((pr) => pr.number === 13)?.agents).toContain("claude-code");
  });
});

describe("repository webhooks", () => {
  let harness: AppHarness;

  beforeAll(async () => {
    harness = await openAppHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  type RepositoryPayload = { action: string; repository: { id: number; name: string; full_name: string; private: boolean; owner: { login: string } }; installation?: { id: number } };

  async function seed(githubId: number, name: string, privateRepository: boolean, installationId = 5): Promise<void> {
    await harness.receive({ id: deliveryId(), name: "push", payload: pushPayload(history, { repositoryId: githubId, name, owner: "Octocoders", privateRepository, before: "a".repeat(40), installationId }) as never });
  }

  it("a rename keeps the repository's history under its new name", async () => {
    await seed(186853261, "Old-Name", false);
    const before = await repoTimeline(harness.database, { githubId: 186853261 });
    const payload = examplePayload<RepositoryPayload>("repository", (p) => p.action === "renamed");
    await harness.receive({ id: deliveryId(), name: "repository", payload: payload as never });
    const after = await repoTimeline(harness.database, { owner: "Octocoders", name: "Hello-World" });
    expect(after?.repository.repoId).toBe(before?.repository.repoId);
    expect(after?.months).toEqual(before?.months);
    expect(await repoTimeline(harness.database, { owner: "Octocoders", name: "Old-Name" })).toBeNull();
  });

  it("a transfer moves the repository to its new owner with its history", async () => {
    await seed(5551, "moved", false);
    const before = await repoTimeline(harness.database, { githubId: 5551 });
    const payload = examplePayload<RepositoryPayload>("repository", (p) => p.action === "transferred" && p.installation !== undefined);
    payload.repository = { ...payload.repository, id: 5551, name: "moved", full_name: "NewOwner/moved", owner: { ...payload.repository.owner, login: "NewOwner" } };
    await harness.receive({ id: deliveryId(), name: "repository", payload: payload as never });
    const after = await repoTimeline(harness.database, { owner: "NewOwner", name: "moved" });
    expect(after?.repository.repoId).toBe(before?.repository.repoId);
    expect(after?.months).toEqual(before?.months);
  });

  it("privatized and publicized follow the visibility", async () => {
    await seed(5552, "flip", false);
    const privatized = examplePayload<RepositoryPayload>("repository", (p) => p.action === "privatized");
    privatized.repository = { ...privatized.repository, id: 5552 };
    await harness.receive({ id: deliveryId(), name: "repository", payload: privatized as never });
    expect((await repoTimeline(harness.database, { githubId: 5552 }))?.repository.visibility).toBe("private");
    const publicized = examplePayload<RepositoryPayload>("repository", (p) => p.action === "publicized");
    publicized.repository = { ...publicized.repository, id: 5552 };
    await harness.receive({ id: deliveryId(), name: "repository", payload: publicized as never });
    expect((await repoTimeline(harness.database, { githubId: 5552 }))?.repository.visibility).toBe("public");
  });

  it("a deleted private repository's data is removed", async () => {
    await seed(5553, "doomed", true, 6);
    const payload = examplePayload<RepositoryPayload>("repository", (p) => p.action === "renamed");
    const deleted = { ...payload, action: "deleted", repository: { ...payload.repository, id: 5553, name: "doomed", private: true }, installation: { id: 6 } };
    await harness.receive({ id: deliveryId(), name: "repository", payload: deleted as never });
    expect(await repoTimeline(harness.database, { githubId: 5553 })).toBeNull();
    expect(await listRepositories(harness.database, { installationId: 6 })).toEqual([]);
  });

  it("events about a repository never scanned change nothing and do not fail", async () => {
    const payload = examplePayload<RepositoryPayload>("repository", (p) => p.action === "privatized");
    payload.repository = { ...payload.repository, id: 999_999 };
    await expect(harness.receive({ id: deliveryId(), name: "repository", payload: payload as never })).resolves.toBeUndefined();
    expect(await repoTimeline(harness.database, { githubId: 999_999 })).toBeNull();
  });
});
