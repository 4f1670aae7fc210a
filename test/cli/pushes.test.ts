// `agent-census pushes` reads the push inbox of the embedded database (the app stopped): what
// waits, the dead letters and their reasons; --requeue and --apply put a fixed dead letter through.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptPush, configurePushInbox, drainPushInbox, migrate, openDatabase, recordScan, repoTimeline } from "../../src/store/index.js";
import { runCli } from "../reliability/support/cli.js";
import { commit, repoFacts, scan, strong } from "../store/builders.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "agent-census-pushes-"));
});
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(args, { DATA_DIR: join(folder, "data") });

interface PushesJson {
  pending: number;
  deadLettered: number;
  requeued?: number;
  applied?: { applied: number; failed: number; deadLettered: number };
  deadLetters: Array<{ id: number; repoKey: string; attempts: number; error: string }>;
}

describe("agent-census pushes", () => {
  it("shows waiting pushes and dead letters with their reason, and requeues and applies one once its cause is fixed", async () => {
    const database = await openDatabase({ dataDir: join(folder, "data") });
    await migrate(database);
    await recordScan(database, scan(repoFacts({ githubId: 7 }), [], { head: "base-7" }));
    await database.executeSql(`
      CREATE FUNCTION refuse_commits() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'commits table is read-only'; END $$;
      CREATE TRIGGER refuse_commits BEFORE INSERT ON commits FOR EACH ROW EXECUTE FUNCTION refuse_commits()`);
    configurePushInbox(database, { maxAttempts: 1 });
    await acceptPush(database, { repo: repoFacts({ githubId: 7 }), before: "base-7", after: "p7", forced: false, commits: [commit("p7", "2026-03-02T00:00:00Z", [strong("agent-a")])] });
    expect(await drainPushInbox(database)).toEqual({ applied: 0, failed: 0, deadLettered: 1 });
    // Answered after that, still in the spool when the app stopped.
    await acceptPush(database, { repo: repoFacts({ githubId: 8 }), before: "base-8", after: "p8", forced: false, commits: [commit("p8", "2026-03-03T00:00:00Z")] });
    await database.close();

    const shown = await cli("pushes", "--json");
    expect(shown.code, shown.stderr).toBe(0);
    const status = JSON.parse(shown.stdout) as PushesJson;
    expect(status).toMatchObject({ pending: 1, deadLettered: 1 });
    expect(status.deadLetters).toHaveLength(1);
    expect(status.deadLetters[0]).toMatchObject({ repoKey: "github:github.com:7", attempts: 1 });
    expect(status.deadLetters[0]?.error).toMatch(/commits table is read-only/);

    const table = await cli("pushes");
    expect(table.stdout).toMatch(/push inbox: 1 waiting to be applied, the oldest received .*; 1 dead letter/);
    expect(table.stdout).toContain("commits table is read-only");
    expect(table.stdout).toContain("agent-census pushes --requeue");

    // The cause is fixed.
    const fixing = await openDatabase({ dataDir: join(folder, "data") });
    await fixing.executeSql("DROP TRIGGER refuse_commits ON commits; DROP FUNCTION refuse_commits()");
    await fixing.close();

    const requeued = await cli("pushes", "--requeue", String(status.deadLetters[0]!.id), "--apply", "--json");
    expect(requeued.code, requeued.stderr).toBe(0);
    expect(JSON.parse(requeued.stdout)).toMatchObject({ requeued: 1, applied: { applied: 2, failed: 0, deadLettered: 0 }, pending: 0, deadLettered: 0, deadLetters: [] });

    const after = await openDatabase({ dataDir: join(folder, "data") });
    try {
      expect((await repoTimeline(after, { githubId: 7 }))?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(1);
    } finally {
      await after.close();
    }

    const bad = await cli("pushes", "--requeue", "x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--requeue x: expected a whole number/);
  }, 120_000);
});
