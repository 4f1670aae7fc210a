// `agent-census detect`: commits as JSON lines on stdin → one verdict per line on stdout.
// The input is the format of ../shared/fixtures/real-repos/*/commits.jsonl.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Command } from "commander";
import { z } from "zod";
import { agentClassOf, agentName } from "../agents/index.js";
import { classifyCommit } from "../detect/index.js";
import type { CommitInput } from "../detect/types.js";
import { renderTable } from "./output.js";

const person = z.object({
  name: z.string(),
  email: z.string(),
  date: z.string(),
  login: z.string().nullish(),
});

const commitLine = z.object({
  sha: z.string().min(1),
  parents: z.array(z.string()).default([]),
  author: person,
  committer: person,
  message: z.string(),
});

export interface DetectRunResult {
  commits: number;
  badLines: number;
  perAgent: Map<string, number>;
  agentCommits: number;
}

function describeProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "line"}: ${issue.message}` : "invalid commit";
}

/** Streams verdicts; a bad line is reported on `errors` with its number and skipped. */
export async function runDetect(
  input: Readable,
  output: Writable,
  errors: Writable,
  options: { summary: boolean },
): Promise<DetectRunResult> {
  const result: DetectRunResult = { commits: 0, badLines: 0, perAgent: new Map(), agentCommits: 0 };
  let lineNumber = 0;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      result.badLines++;
      errors.write(`line ${lineNumber}: not JSON (${(error as Error).message})\n`);
      continue;
    }
    const parsed = commitLine.safeParse(raw);
    if (!parsed.success) {
      result.badLines++;
      errors.write(`line ${lineNumber}: not a commit (${describeProblem(parsed.error)})\n`);
      continue;
    }
    const verdict = classifyCommit(parsed.data as CommitInput);
    result.commits++;
    if (verdict.agents.length > 0) result.agentCommits++;
    for (const agent of verdict.agents) result.perAgent.set(agent, (result.perAgent.get(agent) ?? 0) + 1);
    if (!options.summary) {
      const ok = output.write(
        `${JSON.stringify({ sha: verdict.sha, agents: verdict.agents, weakAgents: verdict.weakAgents, evidence: verdict.evidence })}\n`,
      );
      if (!ok) await new Promise((resolve) => output.once("drain", resolve));
    }
  }
  return result;
}

export function formatSummary(result: DetectRunResult, json: boolean): string {
  const agents = [...result.perAgent].sort((a, b) => b[1] - a[1]);
  if (json) {
    return JSON.stringify({
      commits: result.commits,
      agentCommits: result.agentCommits,
      badLines: result.badLines,
      perAgent: Object.fromEntries(agents),
    });
  }
  const rows = agents.map(([agent, count]) => [agent, agentName(agent), agentClassOf(agent), count]);
  return [
    renderTable(["agent", "name", "class", "commits"], rows),
    `${result.agentCommits} of ${result.commits} commits carry strong agent evidence` +
      (result.badLines > 0 ? `; ${result.badLines} bad lines skipped` : ""),
  ].join("\n");
}

export function registerDetectCommand(command: Command): void {
  command
    .option("--summary", "print counts per agent instead of one verdict per commit")
    .option("--json", "with --summary: print the counts as JSON")
    .addHelpText(
      "after",
      '\nInput, one per line: {"sha","parents":[…],"author":{"name","email","date","login"?},"committer":{…},"message"}\n' +
        'Output, one per line: {"sha","agents":[…],"weakAgents":[…],"evidence":[{"agent","kind","strength","matched"}]}\n' +
        "Bad lines are reported on stderr with their line number and skipped; the exit code is then 1.",
    )
    .action(async (options: { summary?: boolean; json?: boolean }) => {
      const result = await runDetect(process.stdin, process.stdout, process.stderr, { summary: Boolean(options.summary) });
      if (options.summary) process.stdout.write(`${formatSummary(result, Boolean(options.json))}\n`);
      if (result.badLines > 0) process.exitCode = 1;
    });
}
