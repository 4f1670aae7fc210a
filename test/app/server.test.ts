// The app's real HTTP server: signature check before anything runs, errors answered without
// taking the server down, Probot's manifest webhook URL ("/"), and the public routes beside.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startApp, type RunningApp } from "../../src/app.js";
import { openJobQueue, type JobQueue } from "../../src/jobs/queue.js";
import { drainPushInbox, getScanCursor, pushInboxStatus, recordScan, repoTimeline } from "../../src/store/index.js";
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

  it("records a signed push delivered to the webhook path", async () => {
    const body = JSON.stringify(pushPayload(commits, { repositoryId: 801, before: "a".repeat(40) }));
    const answer = await deliver(`${base}/api/github/webhooks`, "push", deliveryId(), body, SECRET);
    expect(answer.status).toBe(200);
    await drainPushInbox(database);
    expect((await repoTimeline(database, { githubId: 801 }))?.months.length).toBeGreaterThan(0);
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
    await drainPushInbox(database);
    expect(await repoTimeline(database, { githubId: 804 })).not.toBeNull();
  });

  it("accepts deliveries at the site root, where Probot's manifest flow points GitHub", async () => {
    const body = JSON.stringify(pushPayload(commits, { repositoryId: 805, before: "a".repeat(40) }));
    expect((await deliver(`${base}/`, "push", deliveryId(), body, "wrong")).status).toBeGreaterThanOrEqual(400);
    expect(await repoTimeline(database, { githubId: 805 })).toBeNull();
    expect((await deliver(`${base}/`, "push", deliveryId(), body, SECRET)).status).toBe(200);
    await drainPushInbox(database);
    expect(await repoTimeline(database, { githubId: 805 })).not.toBeNull();
  });

  it("answers a push only once it is durable: a write that fails (the inbox on Postgres, the spool on PGlite) is an error, and nothing is stored", async () => {
    // Postgres refuses the inbox append; on PGlite the spool's file write fails (a full disk).
    const spoolFails = database.pushSpool
      ? vi.spyOn(database.pushSpool, "append").mockImplementation(() => {
          throw new Error("ENOSPC: no space left on device, write");
        })
      : null;
    if (!spoolFails) {
      await database.executeSql(`
        CREATE FUNCTION refuse_inbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'inbox refuses writes'; END $$;
        CREATE TRIGGER refuse_inbox BEFORE INSERT ON push_inbox FOR EACH ROW EXECUTE FUNCTION refuse_inbox()`);
    }
    try {
      const body = JSON.stringify(pushPayload(commits, { repositoryId: 806, before: "a".repeat(40) }));
      expect((await deliver(`${base}/api/github/webhooks`, "push", deliveryId(), body, SECRET)).status).toBe(500);
    } finally {
      if (spoolFails) spoolFails.mockRestore();
      else await database.executeSql("DROP TRIGGER refuse_inbox ON push_inbox; DROP FUNCTION refuse_inbox()");
    }
    await drainPushInbox(database);
    expect(await repoTimeline(database, { githubId: 806 })).toBeNull();
  });

  it("serves the public API beside the webhooks", async () => {
    const response = await fetch(`${base}/api/v1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("json");
  });
});

describe("an app restarted with pushes in its inbox", () => {
  let database: TestDatabase;
  let queue: JobQueue;

  beforeAll(async () => {
    database = await openTestDatabase();
    queue = await openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, supervise: false });
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.cleanup();
  });

  it("pushes answered by an app stopped before applying them are applied exactly once by the next app on the database; /healthz reports them meanwhile", async () => {
    const options = { database, queue, appId: 1, privateKey: "unused with a token", githubToken: "test-token", webhookSecret: SECRET, log: silentLog, port: 0, host: "127.0.0.1", backfillSince: new Date("2025-10-01T00:00:00Z"), workers: false, Octokit: TestOctokit };
    const first = await startApp({ ...options, pushApplier: false });
    const ids = [811, 812, 813];
    for (const id of ids) await recordScan(database, { repo: { githubId: id, host: "github.com", owner: "Octocoders", name: `r-${id}`, visibility: "public", fork: false, archived: false, stars: 0, language: null, createdAt: null, pushedAt: null, defaultBranch: "main" }, tracking: {}, window: { since: new Date("2025-10-01T00:00:00Z") }, mode: "window", head: "a".repeat(40), commits: [], configFiles: null, pullRequests: [], cost: { graphqlPoints: 0, httpRequests: 0 }, startedAt: new Date(), finishedAt: new Date() });
    try {
      for (const id of ids) {
        const body = JSON.stringify(pushPayload(commits, { repositoryId: id, name: `r-${id}`, before: "a".repeat(40) }));
        // Answered, and then delivered again (a redelivery before anything was applied).
        const delivery = deliveryId();
        expect((await deliver(`http://127.0.0.1:${first.port}/api/github/webhooks`, "push", delivery, body, SECRET)).status).toBe(200);
        expect((await deliver(`http://127.0.0.1:${first.port}/api/github/webhooks`, "push", delivery, body, SECRET)).status).toBe(200);
      }
      // /healthz reports them (this app applies nothing), and a 503 when the store cannot be read.
      const waiting = await fetch(`http://127.0.0.1:${first.port}/healthz`);
      expect(waiting.status).toBe(200);
      const health = (await waiting.json()) as { status: string; pushInbox: { pending: number; deadLettered: number; oldestPendingAt: string | null } };
      expect(health).toMatchObject({ status: "ok", pushInbox: { pending: 6, deadLettered: 0 } });
      expect(Date.parse(health.pushInbox.oldestPendingAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
      const broken = [vi.spyOn(database, "executeSql").mockRejectedValue(new Error("connection refused")), vi.spyOn(database.db, "execute").mockRejectedValue(new Error("connection refused"))];
      try {
        const down = await fetch(`http://127.0.0.1:${first.port}/healthz`);
        expect(down.status).toBe(503);
        expect(await down.json()).toEqual({ status: "unavailable", error: "the store cannot be read" });
      } finally {
        for (const spy of broken) spy.mockRestore();
      }
    } finally {
      await first.stop();
    }
    expect((await pushInboxStatus(database)).pending).toBeGreaterThanOrEqual(6);
    for (const id of ids) expect((await repoTimeline(database, { githubId: id }))?.months).toEqual([]);

    const next = await startApp({ ...options, database: { ...database } }); // another process's handle
    try {
      for (let waited = 0; (await pushInboxStatus(database)).pending > 0 && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      const health = (await (await fetch(`http://127.0.0.1:${next.port}/healthz`)).json()) as { pushInbox: unknown };
      expect(health.pushInbox).toEqual({ pending: 0, deadLettered: 0, oldestPendingAt: null });
    } finally {
      await next.stop();
    }
    expect((await pushInboxStatus(database)).pending).toBe(0);
    for (const id of ids) {
      const timeline = await repoTimeline(database, { githubId: id });
      expect(timeline?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(commits.filter((c) => !isMergeCommit(c, false)).length);
      expect((await getScanCursor(database, { githubId: id }))?.head).toBe(commits.at(-1)?.sha);
    }
  });
});
