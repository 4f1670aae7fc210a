// Embedded mode: without DATABASE_URL, `agent-census crawl` freezes the cohort, queues it and
// works it in-process, so a small crawl is one command; `status` then reads the same database.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockWorld, addSyntheticRepositories, startMockGitHub, type MockGitHub } from "../support/mock-github/index.js";

let mock: MockGitHub;
let folder: string;
let listFile: string;

beforeAll(async () => {
  const world = new MockWorld();
  const repositories = addSyntheticRepositories(world, { repositories: 12, commitsPerRepository: 4, owner: "tiny", pullRequestsPerRepository: 0 });
  mock = await startMockGitHub({ world, tokens: ["cli-token"] });
  folder = await mkdtemp(join(tmpdir(), "agent-census-crawl-"));
  listFile = join(folder, "repos.txt");
  await writeFile(listFile, `# a small cohort\n${repositories.map((repository) => `${repository.owner}/${repository.name}`).join("\n")}\nnobody/missing\n`);
});

afterAll(async () => {
  await mock?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(folder, "data"), GITHUB_API_URL: mock.url, GITHUB_TOKEN: "cli-token" };
  delete env.DATABASE_URL;
  delete env.GITHUB_TOKENS;
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("agent-census crawl on the embedded database", () => {
  it("crawls a listed cohort in one command, and status reads it back", async () => {
    const crawl = await cli("crawl", "--cohort", "tiny", "--list", listFile, "--batch-size", "5", "--graphql-interval", "0", "--json");
    expect(crawl.code, crawl.stderr).toBe(0);
    const status = JSON.parse(crawl.stdout) as { total: number; done: number; finished: boolean; batches: { total: number } };
    expect(status).toMatchObject({ total: 12, done: 12, finished: true, batches: { total: 3 } });
    expect(crawl.stderr).toMatch(/1 listed repositories were not found: nobody\/missing/);
    // Not a TTY: structured log lines, never the token.
    expect(crawl.stderr).toMatch(/^\{"time":.*"event":"finished"/m);
    expect(crawl.stderr).not.toContain("cli-token");

    const read = await cli("status", "--cohort", "tiny", "--json");
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toMatchObject({ cohort: "tiny", total: 12, done: 12, finished: true });

    const again = await cli("crawl", "--cohort", "tiny", "--list", listFile);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/cohort "tiny" already exists .* crawl --refresh --cohort tiny/);
  }, 120_000);
});
