// The app's real HTTP server: signature check before anything runs, errors answered without
// taking the server down, Probot's manifest webhook URL ("/"), and the public routes beside.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startApp, type RunningApp } from "../../src/app.js";
import { openJobQueue, type JobQueue } from "../../src/jobs/queue.js";
import { deadLetteredPushes, repoTimeline, requeueDeadLetters } from "../../src/store/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { isMergeCommit } from "../../src/scan/observe.js";
import { loadFixture } from "../support/fixtures.js";
import { deliveryId, pushPayload, silentLog, TestOctokit } from "./harness.js";
import { deliver } from "./signed-delivery.js";

const SECRET = "test-webhook-secret";
const commits = loadFixture("sindresorhus__ky").commits.slice(0, 20).reverse();

describe("the app's HTTP server", () => {
  let database: TestDatabase;
  let queue: JobQueue;
  let app: RunningApp;
  let base: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    queue = await openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, supervise: false });
    app = await startApp({
      database,
      queue,
      appId: 1,
      privateKey: "unused with a token",
      githubToken: "test-token",
      webhookSecret: SECRET,
      log: silentLog,
      port: 0,
      host: "127.0.0.1",
      backfillSince: new Date("2025-10-01T00:00:00Z"),
      workers: false,
      Octokit: TestOctokit,
    });
    base = `http://127.0.0.1:${app.port}`;
  });
  afterAll(async () => {
    await app?.stop();
    await queue?.stop();
    await database?.cleanup();
  });

  it("records a signed push delivered to the webhook path before answering it; a redelivery changes nothing", async () => {
    const body = JSON.stringify(pushPayload(commits, { repositoryId: 801, before: "a".repeat(40) }));
    const delivery = deliveryId();
    expect((await deliver(`${base}/api/github/webhooks`, "push", delivery, body, SECRET)).status).toBe(200);
    // Read right after the answer: the push is already there.
    const once = await repoTimeline(database, { githubId: 801 });
    expect(once?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(commits.filter((c) => !isMergeCommit(c, false)).length);
    expect((await deliver(`${base}/api/github/webhooks`, "push", delivery, body, SECRET)).status).toBe(200);
    expect((await repoTimeline(database, { githubId: 801 }))?.months).toEqual(once?.months);
  });

  it("rejects a bad signature before anything runs", async () => {
    const body = JSON.stringify(pushPayload(commits, { repositoryId: 802, before: "a".repeat(40) }));
    const answer = await deliver(`${base}/api/github/webhooks`, "push", deliveryId(), body, "not-the-secret");
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(await repoTimeline(database, { githubId: 802 })).toBeNull();
  });

  it("answers a malformed payload with an error and keeps serving", async () => {
    const malformed = JSON.stringify({ ...pushPayload(commits, { repositoryId: 803, before: "a".repeat(40) }), repository: { name: "no-id" } });
    const bad = await deliver(`${base}/api/github/webhooks`, "push", deliveryId(), malformed, SECRET);
    expect(bad.status).toBe(500);
    const notJson = await deliver(`${base}/api/github/webhooks`, "push", deliveryId(), "{not json", SECRET);
    expect(notJson.status).toBe(400);
    const good = await deliver(`${base}/api/github/webhooks`, "push", deliveryId(), JSON.stringify(pushPayload(commits, { repositoryId: 804, before: "a".repeat(40) })), SECRET);
    expect(good.status).toBe(200);
    expect(await repoTimeline(database, { githubId: 804 })).not.toBeNull();
  });

  it("accepts deliveries at the site root, where Probot's manifest flow points GitHub", async () => {
    const body = JSON.stringify(pushPayload(commits, { repositoryId: 805, before: "a".repeat(40) }));
    expect((await deliver(`${base}/`, "push", deliveryId(), body, "wrong")).status).toBeGreaterThanOrEqual(400);
    expect(await repoTimeline(database, { githubId: 805 })).toBeNull();
    expect((await deliver(`${base}/`, "push", deliveryId(), body, SECRET)).status).toBe(200);
    expect(await repoTimeline(database, { githubId: 805 })).not.toBeNull();
  });

  it("answers a push only once it is written: a push the store refuses is answered 500 and kept as a dead letter with its reason, and a requeue writes it once the cause is fixed", async () => {
    await database.executeSql(`
      CREATE FUNCTION refuse_commits() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'commits refused'; END $$;
      CREATE TRIGGER refuse_commits BEFORE INSERT ON commits FOR EACH ROW EXECUTE FUNCTION refuse_commits()`);
    try {
      const body = JSON.stringify(pushPayload(commits, { repositoryId: 806, before: "a".repeat(40) }));
      expect((await deliver(`${base}/api/github/webhooks`, "push", deliveryId(), body, SECRET)).status).toBe(500);
      const health = (await (await fetch(`${base}/healthz`)).json()) as { status: string; pushes: { deadLettered: number } };
      expect(health).toEqual({ status: "ok", pushes: { deadLettered: 1 } });
    } finally {
      await database.executeSql("DROP TRIGGER refuse_commits ON commits; DROP FUNCTION refuse_commits()");
    }
    // Nothing of it was stored, not even the repository's row.
    expect(await repoTimeline(database, { githubId: 806 })).toBeNull();
    const [dead] = await deadLetteredPushes(database);
    expect(dead).toMatchObject({ repoKey: "github:github.com:806", attempts: 1 });
    expect(dead?.error).toMatch(/commits refused/);
    expect(await requeueDeadLetters(database)).toEqual({ applied: 1, failed: 0 });
    expect(await deadLetteredPushes(database)).toEqual([]);
    const timeline = await repoTimeline(database, { githubId: 806 });
    expect(timeline?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(commits.filter((c) => !isMergeCommit(c, false)).length);
  });

  it("/healthz answers 503 when the store cannot be read", async () => {
    const broken = [vi.spyOn(database, "executeSql").mockRejectedValue(new Error("connection refused")), vi.spyOn(database.db, "execute").mockRejectedValue(new Error("connection refused"))];
    try {
      const down = await fetch(`${base}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: "unavailable", error: "the store cannot be read" });
    } finally {
      for (const spy of broken) spy.mockRestore();
    }
  });

  it("serves the public API beside the webhooks", async () => {
    const response = await fetch(`${base}/api/v1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("json");
  });
});
