// `agent-census pushes` reads the dead letters of the embedded database (the app stopped): the
// pushes the store refused, with their reasons; --requeue writes them once the cause is fixed.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptPush, migrate, openDatabase, recordScan, repoTimeline } from "../../src/store/index.js";
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
  deadLettered: number;
  requeued?: { applied: number; failed: number };
  deadLetters: Array<{ id: number; repoKey: string; attempts: number; error: string }>;
}

describe("agent-census pushes", () => {
  it("shows dead letters with their reason, and requeues one once its cause is fixed", async () => {
    const database = await openDatabase({ dataDir: join(folder, "data") });
    await migrate(database);
    await recordScan(database, scan(repoFacts({ githubId: 7 }), [], { head: "base-7" }));
    await database.executeSql(`
      CREATE FUNCTION refuse_commits() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'commits table is read-only'; END $$;
      CREATE TRIGGER refuse_commits BEFORE INSERT ON commits FOR EACH ROW EXECUTE FUNCTION refuse_commits()`);
    const push = { repo: repoFacts({ githubId: 7 }), before: "base-7", after: "p7", forced: false, commits: [commit("p7", "2026-03-02T00:00:00Z", [strong("agent-a")])] };
    await expect(acceptPush(database, push)).rejects.toThrow();
    // Refused twice (GitHub's redelivery of the failed delivery): two dead letters of one push.
    await expect(acceptPush(database, push)).rejects.toThrow();
    await database.close();

    const shown = await cli("pushes", "--json");
    expect(shown.code, shown.stderr).toBe(0);
    const status = JSON.parse(shown.stdout) as PushesJson;
    expect(status).toMatchObject({ deadLettered: 2 });
    expect(status.deadLetters[0]).toMatchObject({ repoKey: "github:github.com:7", attempts: 1 });
    expect(status.deadLetters[0]?.error).toMatch(/commits table is read-only/);

    const table = await cli("pushes");
    expect(table.stdout).toMatch(/pushes the store refused: 2 dead letters/);
    expect(table.stdout).toContain("commits table is read-only");
    expect(table.stdout).toContain("agent-census pushes --requeue");

    // Requeued before the fix: refused again, kept with one more attempt.
    const early = await cli("pushes", "--requeue", String(status.deadLetters[0]!.id), "--json");
    expect(JSON.parse(early.stdout)).toMatchObject({ requeued: { applied: 0, failed: 1 }, deadLettered: 2 });
    expect((JSON.parse(early.stdout) as PushesJson).deadLetters[0]?.attempts).toBe(2);

    // The cause is fixed.
    const fixing = await openDatabase({ dataDir: join(folder, "data") });
    await fixing.executeSql("DROP TRIGGER refuse_commits ON commits; DROP FUNCTION refuse_commits()");
    await fixing.close();

    const requeued = await cli("pushes", "--requeue", "--json");
    expect(requeued.code, requeued.stderr).toBe(0);
    expect(JSON.parse(requeued.stdout)).toMatchObject({ requeued: { applied: 2, failed: 0 }, deadLettered: 0, deadLetters: [] });

    const after = await openDatabase({ dataDir: join(folder, "data") });
    try {
      // Written once, though it was requeued twice.
      const timeline = await repoTimeline(after, { githubId: 7 });
      expect(timeline?.months.reduce((sum, month) => sum + month.commits, 0)).toBe(1);
      expect(timeline?.repository.cursor?.head ?? null).toBe("p7");
    } finally {
      await after.close();
    }

    const bad = await cli("pushes", "--requeue", "x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--requeue x: expected a whole number/);
  }, 120_000);
});
