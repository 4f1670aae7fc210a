import { execFile } from "node:child_process";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runDetect, formatSummary } from "../../src/cli/detect.js";
import { fixtureText } from "../support/fixtures.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString("utf8");
}

describe("agent-census detect", () => {
  it("writes one verdict per commit line of a real history", async () => {
    const jsonl = fixtureText("All-Hands-AI__openhands-aci", "commits.jsonl");
    const out = new PassThrough();
    const err = new PassThrough();
    const read = collect(out);
    const result = await runDetect(Readable.from([jsonl]), out, err, { summary: false });
    out.end();
    const verdicts = read().trim().split("\n").map((line) => JSON.parse(line) as { sha: string; agents: string[] });
    expect(verdicts).toHaveLength(106);
    expect(result.commits).toBe(106);
    expect(verdicts.filter((v) => v.agents.includes("openhands"))).toHaveLength(66);
    expect(result.perAgent.get("openhands")).toBe(66);
  });

  it("reports bad lines with their number on stderr and goes on", async () => {
    const good = '{"sha":"abc","parents":[],"author":{"name":"a","email":"a@x.org","date":"2026-01-01T00:00:00Z"},"committer":{"name":"a","email":"a@x.org","date":"2026-01-01T00:00:00Z"},"message":"Fix\\n\\nCo-authored-by: Claude <noreply@anthropic.com>"}';
    const input = [good, "{not json", '{"sha":"x","message":5}', "", good].join("\n");
    const out = new PassThrough();
    const err = new PassThrough();
    const readOut = collect(out);
    const readErr = collect(err);
    const result = await runDetect(Readable.from([input]), out, err, { summary: false });
    out.end();
    err.end();
    expect(result).toMatchObject({ commits: 2, badLines: 2, agentCommits: 2 });
    expect(readOut().trim().split("\n")).toHaveLength(2);
    expect(readErr()).toMatch(/^line 2: not JSON/m);
    expect(readErr()).toMatch(/^line 3: not a commit \(author: /m);
  });

  it("summarises counts per agent, as a table or JSON", async () => {
    const jsonl = fixtureText("github__github-mcp-server", "commits.jsonl");
    const result = await runDetect(Readable.from([jsonl]), new PassThrough(), new PassThrough(), { summary: true });
    const json = JSON.parse(formatSummary(result, true)) as { perAgent: Record<string, number>; commits: number };
    expect(json.commits).toBe(1099);
    expect(json.perAgent).toMatchObject({ copilot: 221, "copilot-review": 71, "claude-code": 8 });
    expect(formatSummary(result, false)).toMatch(/copilot-review/);
  });

  it("exits non-zero with a one-line error for an unknown command, and 1 after bad input lines", async () => {
    const tsx = join(ROOT, "node_modules/.bin/tsx");
    const cli = join(ROOT, "src/cli/main.ts");
    await expect(run(tsx, [cli, "no-such-command"])).rejects.toMatchObject({ code: 2 });
    const child = run(tsx, [cli, "detect", "--summary", "--json"]);
    child.child.stdin?.end("garbage\n");
    await expect(child).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/line 1: not JSON/) });
  });
});
