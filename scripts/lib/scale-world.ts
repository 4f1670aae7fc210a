// The scale benchmark's synthetic public GitHub (issue 20): a realistic mix of repositories for the
// mock's world, GitHub-like answer times (long-tailed), and GitHub's failures on heavy queries.
import { fakeSha, type MockCommit, type MockRepository, type MockWorld } from "../../test/support/mock-github/index.js";
import type { Fault, GraphQLQueryInfo } from "../../test/support/mock-github/index.js";

/** Deterministic pseudo-random numbers (mulberry32), so every run draws the same world. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WorldMix {
  /** Share of repositories with no commits. */
  empty: number;
  /** Renamed after the cohort was frozen (found again by id). */
  renamed: number;
  /** Deleted after the cohort was frozen. */
  deleted: number;
  archived: number;
  /** Share with a long history in the window (hundreds to thousands of commits: follow-up pages). */
  heavy: number;
}

export const DEFAULT_MIX: WorldMix = { empty: 0.03, renamed: 0.01, deleted: 0.01, archived: 0.05, heavy: 0.005 };

export interface ScaleWorld {
  repositories: MockRepository[];
  /** owner/name of the heavy ones (GitHub's 502s and timeouts hit queries holding them). */
  heavy: Set<string>;
  commits: number;
  counts: Record<"empty" | "renamed" | "deleted" | "archived" | "heavy" | "ordinary", number>;
}

const NEWEST = Date.parse("2026-03-31T12:00:00Z");
const CLAUDE_TRAILER = "\n\nCo-Authored-By: Claude <noreply@anthropic.com>";

/** Commits in the window: most repositories a few (geometric, mean ~6), the heavy tail 300–3,000. */
function commitCount(next: () => number, heavy: boolean): number {
  if (heavy) return 300 + Math.floor(next() * 2700);
  return 1 + Math.floor(-Math.log(1 - next()) * 5);
}

export function buildScaleWorld(world: MockWorld, size: number, mix: WorldMix = DEFAULT_MIX, seed = 20): ScaleWorld {
  const next = random(seed);
  const result: ScaleWorld = { repositories: [], heavy: new Set(), commits: 0, counts: { empty: 0, renamed: 0, deleted: 0, archived: 0, heavy: 0, ordinary: 0 } };
  for (let r = 0; r < size; r++) {
    const roll = next();
    const kind =
      roll < mix.empty ? "empty" : roll < mix.empty + mix.renamed ? "renamed" : roll < mix.empty + mix.renamed + mix.deleted ? "deleted" : roll < mix.empty + mix.renamed + mix.deleted + mix.heavy ? "heavy" : "ordinary";
    const archived = next() < mix.archived;
    const owner = `org${r % 997}`;
    const name = `repo-${r}`;
    const count = kind === "empty" ? 0 : commitCount(next, kind === "heavy");
    const withAgent = r % 7 === 0;
    const commits: MockCommit[] = [];
    for (let c = 0; c < count; c++) {
      const date = new Date(NEWEST - (c * 5400 + (r % 3600)) * 1000).toISOString();
      const person = { name: `Dev ${r % 13}`, email: `dev${r % 13}@example.com`, date, login: `dev${r % 13}` };
      commits.push({ sha: fakeSha(`${owner}/${name}#${c}`), parents: [], author: person, committer: person, message: `Change ${c}${withAgent && c % 4 === 0 ? CLAUDE_TRAILER : ""}` });
    }
    commits.forEach((commit, index) => {
      const parent = commits[index + 1];
      commit.parents = parent ? [parent.sha] : [];
    });
    result.commits += count;
    const files = count === 0 ? [] : ["README.md", "package.json", ...(withAgent ? ["CLAUDE.md"] : [])];
    const repository = world.add({
      owner,
      name,
      visibility: "PUBLIC",
      fork: r % 13 === 0,
      archived,
      stars: Math.floor(10 / (next() + 0.01)),
      language: r % 2 === 0 ? "TypeScript" : "Go",
      createdAt: new Date(NEWEST - 400 * 86_400_000 - (r % 3000) * 86_400_000).toISOString(),
      pushedAt: commits[0]?.committer.date ?? null,
      defaultBranch: "main",
      commits,
      files,
      pathHistory: withAgent && commits.length > 0 ? { "CLAUDE.md": [commits.at(-1)?.sha ?? ""] } : {},
      pullRequests: [],
    });
    result.repositories.push(repository);
    result.counts[kind] += 1;
    if (archived) result.counts.archived += 1;
    if (kind === "heavy") result.heavy.add(`${owner}/${name}`);
  }
  return result;
}

/** After the cohort is frozen: some members are renamed, some deleted (as GitHub changes under a crawl). */
export function disturbWorld(world: MockWorld, scale: ScaleWorld, mix: WorldMix = DEFAULT_MIX, seed = 21): void {
  const next = random(seed);
  for (const repository of scale.repositories) {
    const roll = next();
    if (roll < mix.renamed) world.rename(repository, repository.owner, `${repository.name}-renamed`);
    else if (roll < mix.renamed + mix.deleted) world.remove(repository);
  }
}

export interface GitHubBehaviour {
  /** GitHub's time for one query is divided by this (a 3 s median becomes 3000/timeScale ms). */
  timeScale: number;
  /** Median and 99th percentile of a batched query's answer time on GitHub, in ms. */
  medianMs: number;
  p99Ms: number;
  /** Share of queries that hang past the client's timeout. */
  timeoutShare: number;
  /** Client timeout (scaled), so a hang is a timeout. */
  clientTimeoutMs: number;
  /** Share of queries holding a heavy repository and more than `heavyBatch` repositories that answer 502. */
  heavy502Share: number;
  heavyBatch: number;
  /** Share of queries answered with a secondary rate limit (403, retry-after). */
  secondaryShare: number;
}

export const DEFAULT_BEHAVIOUR: Omit<GitHubBehaviour, "clientTimeoutMs"> = {
  timeScale: 100,
  medianMs: 3000,
  p99Ms: 20_000,
  timeoutShare: 0.003,
  heavy502Share: 0.5,
  heavyBatch: 10,
  secondaryShare: 0.002,
};

/** A log-normal answer time with GitHub's median and p99 (σ = ln(p99/median) / 2.326). */
export function latencySampler(behaviour: Pick<GitHubBehaviour, "medianMs" | "p99Ms">, next: () => number): () => number {
  const mu = Math.log(behaviour.medianMs);
  const sigma = Math.log(behaviour.p99Ms / behaviour.medianMs) / 2.326;
  return () => {
    // Box–Muller.
    const u = Math.max(next(), 1e-12);
    const v = next();
    return Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  };
}

export interface BehaviourStats {
  queries: number;
  latencyMs: number[];
  timeouts: number;
  heavy502: number;
  secondary: number;
  /**
   * What these queries would cost one token's serial lane on GitHub, in real seconds: each answer
   * at least GitHub's 1 s spacing, a timeout the client's 60 s, a 502 GitHub's 10 s query limit, a
   * secondary limit a 60 s wait.
   */
  realLaneSeconds: number;
}

/** The mock's per-query behaviour: latency always, and now and then a timeout, a 502 or a secondary limit. */
export function gitHubBehaviour(behaviour: GitHubBehaviour, heavy: Set<string>, seed = 22): { decide: (query: GraphQLQueryInfo) => Fault | null; stats: BehaviourStats } {
  const next = random(seed);
  const latency = latencySampler(behaviour, next);
  const stats: BehaviourStats = { queries: 0, latencyMs: [], timeouts: 0, heavy502: 0, secondary: 0, realLaneSeconds: 0 };
  const decide = (query: GraphQLQueryInfo): Fault | null => {
    if (query.repositories.length === 0) return null;
    stats.queries += 1;
    const roll = next();
    if (roll < behaviour.secondaryShare) {
      stats.secondary += 1;
      stats.realLaneSeconds += 60;
      return { kind: "secondary", retryAfter: 1 };
    }
    if (roll < behaviour.secondaryShare + behaviour.timeoutShare) {
      stats.timeouts += 1;
      stats.realLaneSeconds += 60;
      return { kind: "timeout", ms: behaviour.clientTimeoutMs * 2 };
    }
    if (query.repositories.length > behaviour.heavyBatch && query.repositories.some((name) => heavy.has(name)) && next() < behaviour.heavy502Share) {
      stats.heavy502 += 1;
      stats.realLaneSeconds += 10;
      return { kind: "status", status: 502, body: { message: "Server Error" } };
    }
    // GitHub's time grows with the work: the median 3 s is a full batch of 50; one repository's
    // follow-up page takes a fifth of that (0.2 + 0.8 × repositories / 50).
    const ms = latency() * (0.2 + (0.8 * Math.min(query.repositories.length, 50)) / 50);
    stats.latencyMs.push(ms);
    stats.realLaneSeconds += Math.max(ms, 1000) / 1000;
    return { kind: "timeout", ms: ms / behaviour.timeScale };
  };
  return { decide, stats };
}
