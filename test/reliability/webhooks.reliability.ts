// Webhook deliveries through the app's real HTTP server on loopback. Load: autocannon sends a
// bounded number of signed deliveries — pushes on several repositories (bursts of concurrent
// pushes to the same one), agent pull requests, redeliveries, events the app does not handle —
// and afterwards every delivery was answered and the stored counts equal the ground truth.
// Hostile: bad or missing signatures, replays, malformed JSON, wrong types, missing fields, huge
// bodies, unknown events and actions are each rejected or ignored with a log line, and the
// server keeps serving.
import autocannon from "autocannon";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../src/app.js";
import { classifyCommit } from "../../src/detect/index.js";
import type { CommitInput } from "../../src/detect/types.js";
import { openJobQueue, type JobQueue } from "../../src/jobs/queue.js";
import { repoTimeline } from "../../src/store/index.js";
import { deliveryId, examplePayload, pushPayload, TestOctokit } from "../app/harness.js";
import { deliver, signature } from "../app/signed-delivery.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { fullSize, recordFigures } from "./support/figures.js";

const AREA = "webhooks";
const SECRET = "reliability-webhook-secret";
const REPOS = 8;
const PUSHES_PER_REPO = fullSize ? 40 : 10;
const COMMITS_PER_PUSH = 3;
const BURST_REPO = 0; // its pushes are sent back to back: many in flight at once
const REPO_ID = (repo: number) => 7_000_000 + repo;

interface Delivery {
  event: string;
  id: string;
  body: string;
}

const person = (name: string, email: string, date: string) => ({ name, email, date });
function pushCommits(repo: number, push: number): CommitInput[] {
  return Array.from({ length: COMMITS_PER_PUSH }, (_, k) => {
    const n = push * COMMITS_PER_PUSH + k;
    const date = `2026-0${1 + (n % 3)}-${String(1 + (n % 27)).padStart(2, "0")}T10:00:00Z`;
    const agent = n % 4 === 0;
    return {
      sha: `${(repo + 1).toString(16).padStart(8, "0")}${n.toString(16).padStart(32, "0")}`,
      parents: [],
      author: person("Dev", "dev@example.org", date),
      committer: person("Dev", "dev@example.org", date),
      message: agent ? `Change ${n}\n\nCo-Authored-By: Claude <noreply@anthropic.com>` : `Change ${n}`,
    };
  });
}

function pullRequestDelivery(repo: number, number: number, action: "opened" | "closed"): Delivery {
  const payload = examplePayload("pull_request", (p) => p.action === "opened");
  const base = pushPayload([], { repositoryId: REPO_ID(repo), owner: "loadtest", name: `repo-${repo}`, before: "0".repeat(40) });
  const pr = payload.pull_request as Record<string, unknown> & { head: Record<string, unknown>; user: Record<string, unknown> };
  return {
    event: "pull_request",
    id: deliveryId(),
    body: JSON.stringify({
      ...payload,
      action,
      repository: base.repository,
      installation: { id: 5, node_id: "x" },
      pull_request: { ...pr, number, state: action === "closed" ? "closed" : "open", head: { ...pr.head, ref: `copilot/fix-${number}` }, user: { ...pr.user, login: "Copilot", type: "Bot" }, created_at: "2026-02-03T10:00:00Z", merged_at: null },
    }),
  };
}

/** The deliveries, the redeliveries among them, and what the store must hold afterwards. */
function buildLoad(): { deliveries: Delivery[]; truth: Map<number, { commits: number; agentCommits: number; prs: number }> } {
  const deliveries: Delivery[] = [];
  const truth = new Map<number, { commits: number; agentCommits: number; prs: number }>();
  const perRepo: Delivery[][] = [];
  for (let repo = 0; repo < REPOS; repo++) {
    const list: Delivery[] = [];
    const counts = { commits: 0, agentCommits: 0, prs: 0 };
    let before = "0".repeat(40);
    for (let push = 0; push < PUSHES_PER_REPO; push++) {
      const commits = pushCommits(repo, push);
      counts.commits += commits.length;
      counts.agentCommits += commits.filter((c) => classifyCommit(c).agents.length > 0).length;
      const body = JSON.stringify(pushPayload(commits, { repositoryId: REPO_ID(repo), owner: "loadtest", name: `repo-${repo}`, before, installationId: 5 }));
      before = commits.at(-1)!.sha;
      const delivery = { event: "push", id: deliveryId(), body };
      list.push(delivery);
      if (push % 5 === 0) list.push({ ...delivery }); // GitHub redelivers: same id, same body
    }
    for (let number = 1; number <= 3; number++) {
      list.push(pullRequestDelivery(repo, number, "opened"), pullRequestDelivery(repo, number, "closed"));
      counts.prs += 1;
    }
    list.push({ event: "star", id: deliveryId(), body: JSON.stringify({ action: "created", repository: { id: REPO_ID(repo) } }) });
    list.push({ event: "pull_request", id: deliveryId(), body: JSON.stringify({ ...JSON.parse(pullRequestDelivery(repo, 99, "opened").body), action: "labeled" }) });
    truth.set(repo, counts);
    perRepo.push(list);
  }
  // The burst repository's deliveries go back to back; the others are interleaved.
  deliveries.push(...perRepo[BURST_REPO]!);
  const longest = Math.max(...perRepo.map((list) => list.length));
  for (let i = 0; i < longest; i++) for (let repo = 0; repo < REPOS; repo++) if (repo !== BURST_REPO && perRepo[repo]![i]) deliveries.push(perRepo[repo]![i]!);
  return { deliveries, truth };
}

describe("the app's webhook server", () => {
  let database: TestDatabase;
  let queue: JobQueue;
  let app: RunningApp;
  let hook = "";
  const logLines: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    queue = await openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, supervise: false });
    const log = pino({ level: "info" }, { write: (line: string) => void logLines.push(line) });
    app = await startApp({ database, queue, appId: 1, privateKey: "unused with a token", githubToken: "test-token", webhookSecret: SECRET, log, port: 0, host: "127.0.0.1", backfillSince: new Date("2025-10-01T00:00:00Z"), workers: false, publicRoutes: false, Octokit: TestOctokit });
    hook = `http://127.0.0.1:${app.port}/api/github/webhooks`;
  });
  afterAll(async () => {
    await app?.stop();
    await queue?.stop();
    await database?.cleanup();
  });

  it("answers every delivery of a sustained mixed load and the counts are exact afterwards", async () => {
    const { deliveries, truth } = buildLoad();
    let next = 0;
    const result = await autocannon({
      url: hook,
      connections: 16,
      amount: deliveries.length,
      timeout: 60,
      duration: 600, // a bound; `amount` ends the run first
      requests: [
        {
          method: "POST",
          setupRequest: (request) => {
            const delivery = deliveries[next++ % deliveries.length]!;
            return {
              ...request,
              headers: { "content-type": "application/json", "x-github-event": delivery.event, "x-github-delivery": delivery.id, "x-hub-signature-256": signature(SECRET, delivery.body) },
              body: delivery.body,
            };
          },
        },
      ],
    });
    const answered2xx = result["2xx"];
    let lost = 0;
    let doubled = 0;
    for (const [repo, want] of truth) {
      const timeline = await repoTimeline(database, { githubId: REPO_ID(repo) });
      const commits = timeline?.months.reduce((sum, m) => sum + m.commits, 0) ?? 0;
      const agentCommits = timeline?.months.reduce((sum, m) => sum + m.agentCommits, 0) ?? 0;
      const prs = timeline?.pullRequests.length ?? 0;
      for (const [got, expected] of [[commits, want.commits], [agentCommits, want.agentCommits], [prs, want.prs]] as const) {
        lost += Math.max(0, expected - got);
        doubled += Math.max(0, got - expected);
      }
    }
    recordFigures(AREA, "sustained load", {
      deliveriesHeld: lost === 0 && doubled === 0 ? answered2xx : 0,
      recordsLost: lost,
      recordsDoubleCounted: doubled,
    });
    console.log(`webhook load: ${deliveries.length} deliveries, ${answered2xx} answered 2xx, ${result.requests.average} req/s average, p99 latency ${result.latency.p99} ms`);
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(answered2xx).toBe(deliveries.length);
    expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
  });

  it("rejects or ignores hostile deliveries with a log line and keeps serving", async () => {
    const good = () => JSON.stringify(pushPayload(pushCommits(50, 0), { repositoryId: REPO_ID(50), owner: "loadtest", name: "repo-50", before: "0".repeat(40), installationId: 5 }));
    const post = async (headers: Record<string, string>, body: string) => {
      const response = await fetch(hook, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      return response.status;
    };
    const signed = (event: string, body: string, id = deliveryId()) => ({ "x-github-event": event, "x-github-delivery": id, "x-hub-signature-256": signature(SECRET, body) });
    const pushWith = (change: (payload: Record<string, unknown>) => void) => {
      const payload = JSON.parse(good()) as Record<string, unknown>;
      change(payload);
      return JSON.stringify(payload);
    };
    // GitHub caps payloads at 25 MB: a signed 12 MB push is GitHub's, an unsigned 30 MB one is not.
    const huge = pushWith((p) => {
      (p.repository as Record<string, unknown>).id = REPO_ID(52);
      p.commits = Array.from({ length: 3000 }, (_, i) => ({ ...(p.commits as object[])[0], id: `${i}`.padStart(40, "e"), message: "x".repeat(4000) }));
    });
    const oversized = `{"zen": "${"z".repeat(30 * 1024 * 1024)}"}`;
    const cases: Array<{ name: string; send: () => Promise<number>; accepted: boolean }> = [
      { name: "bad signature", send: () => post({ ...signed("push", good()), "x-hub-signature-256": signature("wrong", good()) }, good()), accepted: false },
      { name: "missing signature", send: () => post({ "x-github-event": "push", "x-github-delivery": deliveryId() }, good()), accepted: false },
      { name: "missing event header", send: () => post({ "x-github-delivery": deliveryId(), "x-hub-signature-256": signature(SECRET, good()) }, good()), accepted: false },
      { name: "malformed JSON", send: () => post(signed("push", "{\"ref\": "), "{\"ref\": "), accepted: false },
      { name: "JSON that is not an object", send: () => post(signed("push", "[1,2,3]"), "[1,2,3]"), accepted: false },
      { name: "wrong types", send: () => { const body = pushWith((p) => { (p.repository as Record<string, unknown>).id = "seven"; p.commits = { not: "a list" }; }); return post(signed("push", body), body); }, accepted: false },
      { name: "missing repository", send: () => { const body = pushWith((p) => { delete p.repository; }); return post(signed("push", body), body); }, accepted: false },
      { name: "missing installation", send: () => { const body = pushWith((p) => { delete p.installation; }); return post(signed("push", body), body); }, accepted: true },
      { name: "signed 12 MB push", send: () => post(signed("push", huge), huge), accepted: true },
      { name: "unsigned 30 MB body", send: () => post({ "x-github-event": "push", "x-github-delivery": deliveryId() }, oversized), accepted: false },
      { name: "30 MB body with a bad signature", send: () => post({ ...signed("push", "{}"), "x-github-event": "push" }, oversized), accepted: false },
      { name: "unknown event", send: () => { const body = JSON.stringify({ action: "whatever", zen: "hi" }); return post(signed("sponsorship_tier_changed_unknown", body), body); }, accepted: true },
      { name: "unknown action", send: () => { const body = JSON.stringify({ ...JSON.parse(pullRequestDelivery(51, 1, "opened").body), action: "unheard_of" }); return post(signed("pull_request", body), body); }, accepted: true },
    ];
    // A replayed delivery (same id, same body) after the first: accepted, counted once.
    const replayBody = good();
    const replayId = deliveryId();
    cases.push({ name: "first delivery", send: () => post(signed("push", replayBody, replayId), replayBody), accepted: true });
    cases.push({ name: "replayed delivery", send: () => post(signed("push", replayBody, replayId), replayBody), accepted: true });

    const problems: string[] = [];
    for (const c of cases) {
      const linesBefore = logLines.length;
      const status = await c.send().catch((error: unknown) => -1 * (String(error).length));
      if (status < 0) problems.push(`${c.name}: connection failed`);
      else if (c.accepted !== (status >= 200 && status < 300)) problems.push(`${c.name}: answered ${status}`);
      // A signed payload GitHub got wrong is answered 500 by Probot (the delivery shows as failed and
      // can be redelivered); what matters is that the log says which field was wrong.
      const added = logLines.slice(linesBefore).join("\n");
      if (!c.accepted && added === "") problems.push(`${c.name}: rejected without a log line`);
      if (!c.accepted && status >= 500 && !/malformed|payload|missing|expected/i.test(added)) problems.push(`${c.name}: answered ${status}, and the log does not say what was wrong: ${added.slice(0, 300)}`);
      // The server keeps serving: a good delivery right after is recorded.
      const after = await deliver(hook, "push", deliveryId(), good(), SECRET);
      if (after.status !== 200) problems.push(`${c.name}: the next good delivery got ${after.status}`);
    }
    const timeline = await repoTimeline(database, { githubId: REPO_ID(50) });
    const commits = timeline?.months.reduce((sum, m) => sum + m.commits, 0) ?? 0;
    recordFigures(AREA, "hostile deliveries", { badInputsTried: cases.length, recordsDoubleCounted: Math.max(0, commits - COMMITS_PER_PUSH), recordsLost: Math.max(0, COMMITS_PER_PUSH - commits) });
    expect(commits, "the same push, delivered many times, counts once").toBe(COMMITS_PER_PUSH);
    expect(problems).toEqual([]);
  });
});
