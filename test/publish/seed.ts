// A small world for publishing tests, written through the store's write API: public cohort
// repositories whose share grows month by month, a public installed repository, and PRIVATE
// repositories with distinctive names and figures that must never reach public output.

import {
  createCohort,
  recordScan,
  type Database,
  type Evidence,
  type ObservedCommit,
  type ObservedConfigFile,
  type ObservedPullRequest,
  type RepositoryFacts,
  type ScanRecord,
} from "../../src/store/index.js";

export const seedNow = new Date("2026-02-15T12:00:00Z");
export const seedMonths = ["2025-10", "2025-11", "2025-12", "2026-01"] as const;
export const cohortName = "stars-50-2025";
export const cohortDefinition = { minStars: 50, pushedSince: "2025-10-01", language: "any" };
export const installationId = 4242;

type SeedMonth = (typeof seedMonths)[number] | "2025-06" | "2026-02";

interface RepoSeed {
  name: string;
  owner: string;
  githubId: number;
  visibility: RepositoryFacts["visibility"];
  inCohort: boolean;
  installed: boolean;
  /** Non-merge commits per month, and how many of them carry the agent's evidence. */
  months: Partial<Record<SeedMonth, { commits: number; agent?: { id: string; commits: number; strength?: "strong" | "weak" } }>>;
  configFiles?: ObservedConfigFile[];
  pullRequests?: ObservedPullRequest[];
}

const trailer = (agent: string, strength: "strong" | "weak" = "strong"): Evidence => ({
  agent,
  kind: strength === "strong" ? "trailer" : "marker",
  strength,
  matched: strength === "strong" ? `Co-authored-by: ${agent} <noreply@example.com>` : `mentions ${agent}`,
});

/** Public cohort members: 5 active every month; coding-agent activity 1, 1, 2, 3 of them. */
export const publicRepos: RepoSeed[] = [
  {
    owner: "openproj",
    name: "alpha-lib",
    githubId: 101,
    visibility: "public",
    inCohort: true,
    installed: false,
    months: {
      "2025-10": { commits: 4, agent: { id: "claude-code", commits: 1 } },
      "2025-11": { commits: 4, agent: { id: "claude-code", commits: 2 } },
      "2025-12": { commits: 4, agent: { id: "claude-code", commits: 2 } },
      "2026-01": { commits: 4, agent: { id: "claude-code", commits: 3 } },
      "2026-02": { commits: 4, agent: { id: "claude-code", commits: 3 } },
    },
  },
  {
    owner: "openproj",
    name: "beta-cli",
    githubId: 102,
    visibility: "public",
    inCohort: true,
    installed: false,
    months: {
      "2025-10": { commits: 3 },
      "2025-11": { commits: 3 },
      "2025-12": { commits: 3 },
      "2026-01": { commits: 3, agent: { id: "codex", commits: 1 } },
    },
    pullRequests: [
      {
        number: 7,
        createdAt: new Date("2025-12-10T09:00:00Z"),
        mergedAt: new Date("2025-12-11T09:00:00Z"),
        state: "merged",
        headRef: "copilot/fix-7",
        authorLogin: "Copilot",
        evidence: [{ agent: "copilot", kind: "pr-author", strength: "strong", matched: "Copilot" }],
      },
    ],
  },
  {
    owner: "openproj",
    name: "gamma-docs",
    githubId: 103,
    visibility: "public",
    inCohort: true,
    installed: false,
    months: { "2025-10": { commits: 2 }, "2025-11": { commits: 2 }, "2025-12": { commits: 2 }, "2026-01": { commits: 2 } },
    configFiles: [{ path: "CLAUDE.md", agent: "claude-code", strength: "strong", addedAt: new Date("2026-01-05T10:00:00Z"), addedSha: "c0ffee" }],
  },
  {
    owner: "openproj",
    name: "delta-web",
    githubId: 104,
    visibility: "public",
    inCohort: true,
    installed: false,
    months: {
      "2025-10": { commits: 2 },
      "2025-11": { commits: 2, agent: { id: "coderabbit", commits: 1 } },
      "2025-12": { commits: 2 },
      "2026-01": { commits: 2 },
    },
  },
  {
    owner: "openproj",
    name: "epsilon-api",
    githubId: 105,
    visibility: "public",
    inCohort: true,
    installed: false,
    months: {
      "2025-10": { commits: 2 },
      "2025-11": { commits: 2 },
      "2025-12": { commits: 2, agent: { id: "claude-code", commits: 1, strength: "weak" } },
      "2026-01": { commits: 2 },
    },
  },
  {
    // Public and installed, not in the cohort: part of the public scope only.
    owner: "openproj",
    name: "zeta-app",
    githubId: 106,
    visibility: "public",
    inCohort: false,
    installed: true,
    months: { "2026-01": { commits: 5, agent: { id: "cursor", commits: 2 } } },
  },
  {
    // Public, installed, quiet since mid-2025: no commits in any window the tests look at.
    owner: "openproj",
    name: "eta-archive",
    githubId: 107,
    visibility: "public",
    inCohort: false,
    installed: true,
    months: { "2025-06": { commits: 3 } },
  },
];

/**
 * Text no public output may contain: the private repositories' names, their config path, pull
 * request number and branch, and a config file's adding sha. The config path sits in a folder of
 * its own: the catalog's paths (".devin/wiki.json" among them) are public and every methodology
 * lists them. (Devin, their only agent, is in the public catalog, so its figures are checked
 * through the API instead.)
 */
export const privateMarkers = ["hidden-corp", "secret-vault-x9", "classified-ledger-q7", "31337", "devin/secret-plan", "secret-ops/.devin", "bad5ec"];

export const privateRepos: RepoSeed[] = [
  {
    // A cohort member that went private: it leaves the cohort's public figures.
    owner: "hidden-corp",
    name: "secret-vault-x9",
    githubId: 901,
    visibility: "private",
    inCohort: true,
    installed: true,
    months: {
      "2025-10": { commits: 7, agent: { id: "devin", commits: 7 } },
      "2025-11": { commits: 7, agent: { id: "devin", commits: 7 } },
      "2025-12": { commits: 7, agent: { id: "devin", commits: 7 } },
      "2026-01": { commits: 7, agent: { id: "devin", commits: 7 } },
      "2026-02": { commits: 7, agent: { id: "devin", commits: 7 } },
    },
    configFiles: [{ path: "secret-ops/.devin/wiki.json", agent: "devin", strength: "strong", addedAt: new Date("2025-09-01T00:00:00Z"), addedSha: "bad5ec" }],
    pullRequests: [
      {
        number: 31337,
        createdAt: new Date("2025-11-03T00:00:00Z"),
        mergedAt: null,
        state: "open",
        headRef: "devin/secret-plan",
        authorLogin: "devin-ai-integration[bot]",
        evidence: [{ agent: "devin", kind: "pr-author", strength: "strong", matched: "devin-ai-integration[bot]" }],
      },
    ],
  },
  {
    owner: "hidden-corp",
    name: "classified-ledger-q7",
    githubId: 902,
    visibility: "internal",
    inCohort: false,
    installed: true,
    months: { "2026-01": { commits: 9, agent: { id: "devin", commits: 9 } }, "2026-02": { commits: 9, agent: { id: "devin", commits: 9 } } },
  },
];

function facts(seed: RepoSeed): RepositoryFacts {
  return {
    githubId: seed.githubId,
    host: "github.com",
    owner: seed.owner,
    name: seed.name,
    url: `https://github.com/${seed.owner}/${seed.name}`,
    visibility: seed.visibility,
    fork: false,
    archived: false,
    stars: 50 + seed.githubId,
    language: "TypeScript",
    createdAt: new Date("2024-01-01T00:00:00Z"),
    pushedAt: new Date("2026-02-10T00:00:00Z"),
    defaultBranch: "main",
  };
}

function commitsOf(seed: RepoSeed): ObservedCommit[] {
  const commits: ObservedCommit[] = [];
  for (const [month, spec] of Object.entries(seed.months)) {
    if (!spec) continue;
    for (let i = 0; i < spec.commits; i += 1) {
      const withAgent = spec.agent && i < spec.agent.commits;
      commits.push({
        sha: `${seed.githubId}${month.replace("-", "")}${String(i).padStart(4, "0")}`.padEnd(40, "0"),
        committedAt: new Date(`${month}-${String(2 + i).padStart(2, "0")}T12:00:00Z`),
        isMerge: false,
        evidence: withAgent && spec.agent ? [trailer(spec.agent.id, spec.agent.strength)] : [],
      });
    }
  }
  return commits;
}

/** The scans the world is seeded with, one per repository (a test may replay them). */
export function publishWorldScans(): ScanRecord[] {
  return [...publicRepos, ...privateRepos].map((seed) => {
    const commits = commitsOf(seed);
    return {
      repo: facts(seed),
      tracking: { ...(seed.inCohort ? { cohort: cohortName } : {}), ...(seed.installed ? { installationId } : {}) },
      window: { since: new Date("2025-01-01T00:00:00Z") },
      mode: "window",
      head: commits.at(-1)?.sha ?? null,
      commits,
      configFiles: seed.configFiles ?? [],
      pullRequests: seed.pullRequests ?? [],
      cost: { graphqlPoints: 1, httpRequests: 1 },
      startedAt: new Date("2026-02-14T00:00:00Z"),
      finishedAt: new Date("2026-02-14T00:01:00Z"),
    };
  });
}

export async function seedPublishWorld(database: Database): Promise<void> {
  const all = [...publicRepos, ...privateRepos];
  await createCohort(database, {
    name: cohortName,
    definition: cohortDefinition,
    members: all.filter((r) => r.inCohort).map(facts),
    frozenAt: new Date("2025-10-01T00:00:00Z"),
  });
  for (const scan of publishWorldScans()) await recordScan(database, scan);
}
