// Repositories whose histories span several months, for the fault checks that compare the store's
// month aggregates with the ground truth: the truth is computed here from the mock's own data
// (commit dates and the agent trailers put in), not from a clean run of the code under test.
import type { Database } from "../../../src/store/index.js";
import { fakeSha, type MockCommit, type MockRepository, type MockWorld } from "../../support/mock-github/index.js";

const TRAILER = "\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>";

export interface SpreadOptions {
  repositories: number;
  commitsPerRepository: number;
  owner: string;
  /** Every k-th repository has an agent: a CLAUDE.md and a Claude Code trailer on every third commit. */
  agentEvery: number;
  /** Newest commit date (default 2026-03-20); commits go back `spacingHours` each. */
  newest?: string;
  spacingHours?: number;
  pullRequests?: boolean;
}

/** N repositories × M commits spread over months (every one after 2025-10-01 with the defaults). */
export function addSpreadRepositories(world: MockWorld, options: SpreadOptions): MockRepository[] {
  const newest = Date.parse(options.newest ?? "2026-03-20T12:00:00Z");
  const spacing = (options.spacingHours ?? 61) * 3_600_000;
  const created: MockRepository[] = [];
  for (let r = 0; r < options.repositories; r++) {
    const name = `spread-${r}`;
    const withAgent = r % options.agentEvery === 0;
    const commits: MockCommit[] = [];
    for (let c = 0; c < options.commitsPerRepository; c++) {
      const date = new Date(newest - c * spacing - r * 60_000).toISOString();
      const person = { name: `Dev ${r % 7}`, email: `dev${r % 7}@example.com`, date, login: `dev${r % 7}` };
      const trailer = withAgent && c % 3 === 0 ? TRAILER : "";
      commits.push({ sha: fakeSha(`${options.owner}/${name}#${c}`), parents: [], author: person, committer: person, message: `Change ${c} in ${name}${trailer}` });
    }
    commits.forEach((commit, index) => {
      commit.parents = commits[index + 1] ? [commits[index + 1]!.sha] : [];
    });
    const files = ["README.md", "package.json", "src/index.ts"];
    const pathHistory: Record<string, string[]> = {};
    if (withAgent) {
      files.push("CLAUDE.md");
      pathHistory["CLAUDE.md"] = [commits.at(-1)!.sha];
    }
    created.push(
      world.add({
        owner: options.owner,
        name,
        visibility: "PUBLIC",
        fork: false,
        archived: false,
        stars: 10 + r,
        language: "TypeScript",
        createdAt: "2024-01-01T00:00:00Z",
        pushedAt: commits[0]?.committer.date ?? null,
        defaultBranch: "main",
        commits,
        files,
        pathHistory,
        pullRequests: [],
      }),
    );
  }
  return created;
}

/** "YYYY-MM" → "commits/agentCommits". */
export type MonthCounts = Map<string, string>;

/** What the store must hold for a repository scanned from `since`: per month, commits and agent commits. */
export function truthOf(repository: MockRepository, since: Date): MonthCounts {
  const months = new Map<string, { commits: number; agent: number }>();
  for (const commit of repository.commits) {
    if (Date.parse(commit.committer.date) < since.getTime() || commit.parents.length > 1) continue;
    const month = commit.committer.date.slice(0, 7);
    const row = months.get(month) ?? { commits: 0, agent: 0 };
    row.commits += 1;
    if (commit.message.includes("Co-Authored-By: Claude")) row.agent += 1;
    months.set(month, row);
  }
  return new Map([...months].map(([month, row]) => [month, `${row.commits}/${row.agent}`]));
}

/** The store's month rows, per repository (by GitHub id). */
export async function storedMonths(database: Database): Promise<Map<number, MonthCounts>> {
  const { rows } = await database.executeSql<{ github_id: string | number; month: string; commits: number; agent_commits: number }>(
    `SELECT r.github_id, to_char(m.month, 'YYYY-MM') AS month, m.commits, m.agent_commits
       FROM repo_months m JOIN repositories r ON r.id = m.repo_id ORDER BY r.github_id, m.month`,
  );
  const stored = new Map<number, MonthCounts>();
  for (const row of rows) {
    const id = Number(row.github_id);
    const months = stored.get(id) ?? new Map<string, string>();
    months.set(row.month, `${row.commits}/${row.agent_commits}`);
    stored.set(id, months);
  }
  return stored;
}

/** Commits (and agent commits) missing from the store, and stored beyond the truth, over all repositories. */
export function compareMonths(repositories: MockRepository[], since: Date, stored: Map<number, MonthCounts>): { lost: number; doubled: number; differing: string[] } {
  let lost = 0;
  let doubled = 0;
  const differing: string[] = [];
  const parse = (value: string | undefined) => (value ?? "0/0").split("/").map(Number) as [number, number];
  for (const repository of repositories) {
    const want = truthOf(repository, since);
    const got = stored.get(repository.id) ?? new Map<string, string>();
    for (const month of new Set([...want.keys(), ...got.keys()])) {
      const [wantCommits, wantAgent] = parse(want.get(month));
      const [gotCommits, gotAgent] = parse(got.get(month));
      lost += Math.max(0, wantCommits - gotCommits) + Math.max(0, wantAgent - gotAgent);
      doubled += Math.max(0, gotCommits - wantCommits) + Math.max(0, gotAgent - wantAgent);
      if (wantCommits !== gotCommits || wantAgent !== gotAgent) differing.push(`${repository.owner}/${repository.name} ${month}: want ${want.get(month) ?? "none"}, stored ${got.get(month) ?? "none"}`);
    }
  }
  return { lost, doubled, differing };
}
