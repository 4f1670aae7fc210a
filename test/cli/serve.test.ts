// `agent-census serve`: a researcher scans repositories into the embedded store, then serves the
// dashboard and API over it, read-only, with no GitHub App.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastImport, replayOrder } from "../sources/git/fast-import.js";
import { loadFixture } from "../support/fixtures.js";

const ROOT = resolve(import.meta.dirname, "../..");
const cli = (args: string[], env: Record<string, string>) =>
  execFileSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: "error" }, encoding: "utf8" });

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await new Promise<number>((done) => probe.listen(0, "127.0.0.1", () => done((probe.address() as AddressInfo).port)));
  await new Promise((done) => probe.close(done));
  return port;
}

describe("agent-census serve", () => {
  let work: string;
  let child: ChildProcess | undefined;
  let base: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "agent-census-serve-"));
    // A real history with Claude Code commits, scanned as a public local clone.
    const repo = join(work, "claude-code-action");
    execFileSync("git", ["init", "-q", "--bare", "--initial-branch=main", repo]);
    const commits = loadFixture("anthropics__claude-code-action").commits.slice(0, 150);
    fastImport(repo, replayOrder(commits).replay);
    const env = { DATA_DIR: join(work, "data") };
    cli(["scan", repo, "--public", "--since", commits.at(-1)!.committer.date.slice(0, 10)], env);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve", "--port", String(port), "--host", "127.0.0.1"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: "ignore",
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        await fetch(`${base}/api/v1`);
        return;
      } catch {
        await new Promise((done) => setTimeout(done, 200));
      }
    }
    throw new Error("serve never answered");
  }, 120_000);

  afterAll(() => {
    if (child?.pid && child.exitCode === null) child.kill("SIGKILL");
    rmSync(work, { recursive: true, force: true });
  });

  it("serves the dashboard over the scanned repository, with its page, API route and badge, and no banner", async () => {
    const home = await (await fetch(`${base}/`)).text();
    expect(home).not.toContain("Not connected to GitHub yet");
    expect(home).toContain("/repos/");
    const repos = (await (await fetch(`${base}/api/v1/repos`)).json()) as { repositories: Array<{ owner: string; name: string; host: string }> };
    expect(repos.repositories.map((r) => `${r.host} ${r.name}`)).toEqual(["git claude-code-action"]);
    const [repo] = repos.repositories;
    const query = `?host=${encodeURIComponent(repo!.host)}`;
    const path = `${encodeURIComponent(repo!.owner)}/${encodeURIComponent(repo!.name)}`;
    expect((await fetch(`${base}/repos/${path}${query}`)).status).toBe(200);
    expect((await fetch(`${base}/badge/${path}.svg${query}`)).status).toBe(200);
    const detail = (await (await fetch(`${base}/api/v1/repos/${path}${query}`)).json()) as { months: Array<{ agentCommits?: number }> };
    expect(detail.months.length).toBeGreaterThan(0);
  });

  it("is read-only: it answers no webhook", async () => {
    const response = await fetch(`${base}/`, { method: "POST", body: "{}", headers: { "x-github-event": "push" } });
    expect(response.status).toBe(404);
  });
});
