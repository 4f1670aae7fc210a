// The GitHub API backend's cost target (issue 4): scanning 200 repositories with under 100 new
// commits each costs at most 0.1 GraphQL points and 0.1 HTTP requests per repository. Measured
// against the local mock GitHub (GitHub's documented point formula), beside a naive REST scanner
// (repository + commits + tree per repository) on the same mock, in the same run.
import { pathToFileURL } from "node:url";
import { configPathPatterns } from "../src/detect/index.js";
import { createGitHubClient, scanRepositories, type GitHubClient, type RepositoryRequest } from "../src/sources/github/index.js";
import { MockWorld, addSyntheticRepositories, fakeSha, startMockGitHub, type MockGitHub, type MockRepository } from "../test/support/mock-github/index.js";

export interface GitHubBenchRun {
  label: string;
  repositories: number;
  commits: number;
  graphqlPoints: number;
  httpRequests: number;
  pointsPerRepository: number;
  requestsPerRepository: number;
  secondsPerBatch: number;
  seconds: number;
}

export interface GitHubBenchResult {
  runs: GitHubBenchRun[];
  naive: GitHubBenchRun;
  /** Naive REST requests per repository ÷ batched GraphQL HTTP requests per repository (incremental run). */
  requestRatio: number;
  meetsTarget: boolean;
}

const SINCE = "2025-10-01T00:00:00Z";
const BATCH_SIZE = 50;

async function measure(
  label: string,
  mock: MockGitHub,
  client: GitHubClient,
  requests: RepositoryRequest[],
  options: { withParents?: boolean } = {},
): Promise<GitHubBenchRun> {
  mock.resetStats();
  const started = performance.now();
  let commits = 0;
  const batchSeconds: number[] = [];
  for (let start = 0; start < requests.length; start += BATCH_SIZE) {
    const batchStart = performance.now();
    for await (const page of scanRepositories(client, requests.slice(start, start + BATCH_SIZE), { configPatterns: configPathPatterns(), batchSize: BATCH_SIZE, ...options })) {
      if (page.outcome !== "ok") throw new Error(`${page.request.owner}/${page.request.name}: ${page.outcome} ${page.message ?? ""}`);
      commits += page.commits.length;
    }
    batchSeconds.push((performance.now() - batchStart) / 1000);
  }
  const seconds = (performance.now() - started) / 1000;
  return summary(label, requests.length, commits, mock.stats.points, mock.stats.requests, seconds, batchSeconds);
}

function summary(label: string, repositories: number, commits: number, points: number, requests: number, seconds: number, batchSeconds: number[]): GitHubBenchRun {
  return {
    label,
    repositories,
    commits,
    graphqlPoints: points,
    httpRequests: requests,
    pointsPerRepository: points / repositories,
    requestsPerRepository: requests / repositories,
    secondsPerBatch: batchSeconds.reduce((sum, value) => sum + value, 0) / Math.max(1, batchSeconds.length),
    seconds,
  };
}

/** What a scanner without GraphQL does: the repository, its commits in the window (paged), its tree. */
async function naiveRestScan(label: string, mock: MockGitHub, client: GitHubClient, repositories: MockRepository[]): Promise<GitHubBenchRun> {
  mock.resetStats();
  const started = performance.now();
  let commits = 0;
  for (const repository of repositories) {
    const { data } = await client.octokit.request("GET /repos/{owner}/{repo}", { owner: repository.owner, repo: repository.name });
    const defaultBranch = (data as { default_branch: string }).default_branch;
    for (let page = 1; ; page++) {
      const response = await client.octokit.request("GET /repos/{owner}/{repo}/commits", { owner: repository.owner, repo: repository.name, sha: defaultBranch, since: SINCE, per_page: 100, page });
      const list = response.data as unknown[];
      commits += list.length;
      if (list.length < 100) break;
    }
    await client.octokit.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { owner: repository.owner, repo: repository.name, tree_sha: defaultBranch, recursive: "1" });
  }
  const seconds = (performance.now() - started) / 1000;
  return summary(label, repositories.length, commits, 0, mock.stats.requests, seconds, [seconds / Math.ceil(repositories.length / BATCH_SIZE)]);
}

function print(result: GitHubBenchResult): void {
  const rows = [...result.runs, result.naive].map((run) => ({
    run: run.label,
    repos: run.repositories,
    commits: run.commits,
    points: run.graphqlPoints,
    "points/repo": run.pointsPerRepository.toFixed(3),
    "HTTP/repo": run.requestsPerRepository.toFixed(3),
    "s/batch of 50": run.secondsPerBatch.toFixed(3),
  }));
  console.log("GitHub API backend cost (mock GitHub, GitHub's documented point formula)");
  console.table(rows);
  console.log(`naive REST requests per repo ÷ batched GraphQL requests per repo (incremental): ${result.requestRatio.toFixed(1)}×`);
  console.log(`target ≤ 0.1 points and ≤ 0.1 HTTP requests per repository (incremental, < 100 new commits): ${result.meetsTarget ? "met" : "NOT met"}`);
}

export async function benchGitHub(repositories = 200): Promise<GitHubBenchResult> {
  const world = new MockWorld();
  const repos = addSyntheticRepositories(world, { repositories, commitsPerRepository: 60, newest: "2026-03-01T00:00:00Z", pullRequestsPerRepository: 5 });
  const mock = await startMockGitHub({ world, pointsPerWindow: 1_000_000 });
  try {
    // GitHub asks for GraphQL calls one at a time with a pause; the spacing is left out here so the
    // wall time shows this code and the mock, not a sleep.
    const client = createGitHubClient({ baseUrl: mock.url, token: "bench", graphqlIntervalMs: 0 });
    const firstRequests = repos.map((repository) => ({ owner: repository.owner, name: repository.name, githubId: repository.id, since: SINCE }));
    const first = await measure("first scan (60 commits each)", mock, client, firstRequests);

    // A week later: 1–99 new commits on top of each HEAD; re-scan from the stored cursors.
    const incrementalRequests = repos.map((repository, index) => {
      const head = repository.commits[0] as MockRepository["commits"][number];
      const fresh = 1 + ((index * 37) % 99);
      const commits = Array.from({ length: fresh }, (_, offset) => {
        const date = new Date(Date.parse("2026-03-08T00:00:00Z") - offset * 60_000).toISOString();
        const person = { name: "Dev", email: "dev@example.com", date, login: "dev" };
        return { sha: fakeSha(`${repository.name}+${offset}`), parents: [], author: person, committer: person, message: `Week two, change ${offset}` };
      });
      world.push(repository, commits);
      return {
        owner: repository.owner,
        name: repository.name,
        githubId: repository.id,
        since: SINCE,
        cursor: { sha: head.sha, date: head.committer.date },
        knownConfigPaths: repository.files,
      };
    });
    const incremental = await measure("re-scan (1–99 new commits each)", mock, client, incrementalRequests);
    const withParents = await measure("re-scan, with parents", mock, client, incrementalRequests.map((request) => ({ ...request })), { withParents: true });
    const naive = await naiveRestScan("naive REST (repo + commits + tree)", mock, client, repos);
    const result: GitHubBenchResult = {
      runs: [first, incremental, withParents],
      naive,
      requestRatio: naive.requestsPerRepository / incremental.requestsPerRepository,
      meetsTarget: incremental.pointsPerRepository <= 0.1 && incremental.requestsPerRepository <= 0.1,
    };
    print(result);
    return result;
  } finally {
    await mock.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchGitHub(Number(process.argv[2] ?? 200));
