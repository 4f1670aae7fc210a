import { appendFile, copyFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  acceptPush,
  configurePushInbox,
  drainPushInbox,
  getScanCursor,
  migrate,
  openDatabase,
  pushInboxStatus,
  recordScan,
  repoTimeline,
  type Database,
  type PushRecord,
} from "../../src/store/index.js";
import { PushSpool } from "../../src/store/push-spool.js";
import { classOf, commit, repoFacts, scan, strong } from "./builders.js";

// The push spool is what makes a PGlite delivery durable before it is answered: a file in the
// database's folder. These tests crash a process at each point between spooling, importing and
// emptying the file, on a real PGlite data directory, and check every push is applied exactly once.
describe("push spool (PGlite on disk)", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "agent-census-spool-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const spoolFile = () => join(dataDir, "push-spool-public.jsonl");

  async function open(): Promise<Database> {
    const database = await openDatabase({ dataDir, classOf });
    await migrate(database);
    return database;
  }

  /** `count` contiguous pushes of repository `githubId`, 2 commits each (one an agent's). */
  function pushes(githubId: number, count: number): PushRecord[] {
    const sha = (push: number, k: number) => `s${githubId}-${push}-${k}`;
    return Array.from({ length: count }, (_, push) => ({
      repo: repoFacts({ githubId }),
      before: push === 0 ? `s${githubId}-base` : sha(push - 1, 1),
      after: sha(push, 1),
      forced: false,
      commits: [commit(sha(push, 0), `2026-02-0${1 + (push % 9)}T00:00:00Z`, [strong("agent-a")]), commit(sha(push, 1), `2026-02-0${1 + (push % 9)}T01:00:00Z`)],
    }));
  }

  async function commitsOf(database: Database, githubId: number): Promise<number> {
    return (await repoTimeline(database, { githubId }))?.months.reduce((sum, month) => sum + month.commits, 0) ?? 0;
  }

  it("a push is in the file when its delivery is answered; a crash before any import loses none of them", async () => {
    const first = await open();
    await recordScan(first, scan(repoFacts({ githubId: 1 }), [], { head: "s1-base" }));
    await Promise.all(pushes(1, 5).map((push) => acceptPush(first, push)));
    const lines = (await readFile(spoolFile(), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(5);
    expect((await stat(spoolFile())).mode & 0o777).toBe(0o600); // it names repositories, private ones too
    expect(lines.map((line) => (JSON.parse(line) as { s: number }).s)).toEqual([1, 2, 3, 4, 5]);
    expect((await pushInboxStatus(first)).pending).toBe(5);
    await first.close(); // the process dies: nothing was imported

    const second = await open();
    try {
      expect((await pushInboxStatus(second)).pending).toBe(5);
      expect(await drainPushInbox(second)).toEqual({ applied: 5, failed: 0, deadLettered: 0 });
      expect(await commitsOf(second, 1)).toBe(10);
      expect((await getScanCursor(second, { githubId: 1 }))?.head).toBe("s1-4-1");
      expect((await stat(spoolFile())).size).toBe(0); // emptied once everything was imported
    } finally {
      await second.close();
    }
  });

  it("a crash after the import committed but before the file was emptied imports nothing twice", async () => {
    const first = await open();
    await recordScan(first, scan(repoFacts({ githubId: 2 }), [], { head: "s2-base" }));
    await Promise.all(pushes(2, 4).map((push) => acceptPush(first, push)));
    const beforeImport = join(dataDir, "spool-before-import");
    await copyFile(spoolFile(), beforeImport);
    expect(await drainPushInbox(first)).toEqual({ applied: 4, failed: 0, deadLettered: 0 });
    await first.close();
    // As if the process had died between the import's commit and emptying the file.
    await copyFile(beforeImport, spoolFile());

    const second = await open();
    try {
      expect((await pushInboxStatus(second)).pending).toBe(0);
      expect(await drainPushInbox(second)).toEqual({ applied: 0, failed: 0, deadLettered: 0 });
      expect(await commitsOf(second, 2)).toBe(8);
      // New pushes are numbered after the old lines, so the mark cannot hide them.
      await acceptPush(second, { repo: repoFacts({ githubId: 2 }), before: "s2-3-1", after: "s2-late", forced: false, commits: [commit("s2-late", "2026-02-20T00:00:00Z")] });
      expect(await drainPushInbox(second)).toEqual({ applied: 1, failed: 0, deadLettered: 0 });
      expect(await commitsOf(second, 2)).toBe(9);
    } finally {
      await second.close();
    }
  });

  it("a last line cut off by a crash (never acknowledged) is dropped and reported; the whole lines apply and the file takes new ones", async () => {
    const first = await open();
    await recordScan(first, scan(repoFacts({ githubId: 3 }), [], { head: "s3-base" }));
    const [a, b, c] = pushes(3, 3);
    await acceptPush(first, a!);
    await acceptPush(first, b!);
    await first.close();
    // The write of the third push was cut half-way.
    const third = `${JSON.stringify({ s: 3, k: "github:github.com:3", t: Date.now(), p: { before: "s3-1-1" } })}\n`;
    await appendFile(spoolFile(), third.slice(0, 25));

    const second = await open();
    const errors: unknown[] = [];
    configurePushInbox(second, { onError: (error) => errors.push(error) });
    try {
      expect((await pushInboxStatus(second)).pending).toBe(2);
      expect(String(errors[0])).toMatch(/1 unreadable line/);
      await acceptPush(second, c!); // redelivered by GitHub, since it was never answered
      expect((await readFile(spoolFile(), "utf8")).trim().split("\n").map((line) => JSON.parse(line) as { s: number }).map((line) => line.s)).toEqual([1, 2, 3]);
      expect(await drainPushInbox(second)).toEqual({ applied: 3, failed: 0, deadLettered: 0 });
      expect(await commitsOf(second, 3)).toBe(6);
      expect((await getScanCursor(second, { githubId: 3 }))?.head).toBe("s3-2-1");
    } finally {
      await second.close();
    }
  });

  it("a store opened by a command that never takes pushes leaves the spool file as it found it", async () => {
    const first = await open();
    await Promise.all(pushes(5, 2).map((push) => acceptPush(first, push)));
    await first.close();
    await appendFile(spoolFile(), '{"s":3,"k":"github:github.com:5"'); // a cut-off line, as a crash leaves it
    const before = await readFile(spoolFile(), "utf8");

    const reader = await open(); // e.g. `agent-census report`: reads the facts, no push inbox
    try {
      expect(await repoTimeline(reader, { githubId: 5 })).toBeNull();
    } finally {
      await reader.close();
    }
    expect(await readFile(spoolFile(), "utf8")).toBe(before);

    const app = await open();
    try {
      expect((await pushInboxStatus(app)).pending).toBe(2);
      expect(await readFile(spoolFile(), "utf8")).toBe(before.slice(0, before.lastIndexOf("\n") + 1));
    } finally {
      await app.close();
    }
  });

  it("a file that is never empty is rewritten with only the pushes still waiting, and recovers from the rewrite", async () => {
    const path = join(dataDir, "spool.jsonl");
    const spool = new PushSpool(path, 4096);
    spool.recover(0);
    const push = (n: number) => ({ key: `k${n % 3}`, push: { before: `b${n}`, after: `a${n}`, forced: false, commits: [[`sha-${n}`.padEnd(40, "0"), "2026-02-01T00:00:00.000Z", 0, []] as [string, string, 0, []]] } });
    for (let n = 1; n <= 60; n++) {
      spool.append([push(n)]);
      if (n % 10 === 0) spool.imported(n - 2); // an import that always leaves the last two behind
    }
    spool.close();
    const lines = (await readFile(path, "utf8")).trim().split("\n").map((line) => (JSON.parse(line) as { s: number }).s);
    expect(lines.length).toBeLessThan(60);
    expect(lines.slice(-2)).toEqual([59, 60]);
    expect((await stat(path)).size).toBeLessThan(4096 + 1024);

    const reopened = new PushSpool(path, 4096);
    reopened.recover(58);
    expect(reopened.peek(10).map((p) => p.seq)).toEqual([59, 60]);
    reopened.append([push(61)]);
    expect(reopened.peek(10).map((p) => p.seq)).toEqual([59, 60, 61]);
    reopened.close();
    expect(() => reopened.append([push(62)])).toThrow(/spool is closed/);
  });

  it("a graceful stop imports what is spooled, so the database alone holds every answered push", async () => {
    const { startPushApplier } = await import("../../src/store/index.js");
    const database = await open();
    try {
      const applier = startPushApplier(database, { quietMs: 60_000, maxDelayMs: 60_000 });
      await recordScan(database, scan(repoFacts({ githubId: 4 }), [], { head: "s4-base" }));
      await Promise.all(pushes(4, 3).map((push) => acceptPush(database, push)));
      await applier.stop();
      expect(database.pushSpool?.size).toBe(0);
      const { rows } = await database.executeSql<{ n: number }>("SELECT count(*)::int AS n FROM push_inbox");
      expect(rows[0]?.n).toBe(3);
      expect(await readFile(spoolFile(), "utf8")).toBe("");
    } finally {
      await database.close();
    }
  });
});
