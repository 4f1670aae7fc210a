// Reads a labelled corpus (the format of ../shared/fixtures/real-repos: one folder per repository
// with commits.jsonl[.gz], labels.json[.gz], files.txt and meta.json) and scores the detector on it.
// Used by `npm run eval` on the shared corpus and by the accuracy test on test/fixtures.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { classifyCommit, classifyPaths } from "../../src/detect/index.js";
import type { CommitInput } from "../../src/detect/types.js";

export interface CommitLabel {
  agents: string[];
  ambiguous: string[];
  evidence?: { agent: string; kind: string }[];
}

export interface LabelledRepository {
  slug: string;
  commits: CommitInput[];
  labels: Record<string, CommitLabel>;
  configFiles: { path: string; agent: string; strength: string }[];
  files: string[];
}

/** A file's text, read from `name` or, when only that exists, `name.gz`. */
export function readCorpusText(dir: string, name: string): string {
  const plain = join(dir, name);
  if (existsSync(plain)) return readFileSync(plain, "utf8");
  return gunzipSync(readFileSync(`${plain}.gz`)).toString("utf8");
}

export function repositorySlugs(corpus: string): string[] {
  return readdirSync(corpus, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(corpus, entry.name, "meta.json")))
    .map((entry) => entry.name)
    .sort();
}

export function loadRepository(corpus: string, slug: string): LabelledRepository {
  const dir = join(corpus, slug);
  const labels = JSON.parse(readCorpusText(dir, "labels.json")) as {
    commits: Record<string, CommitLabel>;
    config_files: { path: string; agent: string; strength: string }[];
  };
  const commits = readCorpusText(dir, "commits.jsonl")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      // first_parent is the corpus's note about the commit's place in history, not commit data.
      const { first_parent: _firstParent, ...commit } = JSON.parse(line) as CommitInput & { first_parent?: boolean };
      return commit;
    });
  const files = existsSync(join(dir, "files.txt")) || existsSync(join(dir, "files.txt.gz")) ? readCorpusText(dir, "files.txt").split("\n").filter(Boolean) : [];
  return { slug, commits, labels: labels.commits, configFiles: labels.config_files, files };
}

export interface AgentScore {
  agent: string;
  labelled: number;
  found: number;
  truePositives: number;
  precision: number;
  recall: number;
}

export interface Miss {
  slug: string;
  sha: string;
  agent: string;
  /** A false positive (found, not labelled) or a false negative (labelled, not found). */
  kind: "false-positive" | "false-negative";
  evidence: string[];
  subject: string;
}

export interface ConfigCheck {
  slug: string;
  missing: string[];
  extra: string[];
}

export interface CorpusScore {
  repositories: number;
  commits: number;
  agents: AgentScore[];
  /** Signal id → commits it fired on. */
  signals: Map<string, number>;
  misses: Miss[];
  config: ConfigCheck[];
}

export function scoreCorpus(repositories: Iterable<LabelledRepository>): CorpusScore {
  const tallies = new Map<string, { tp: number; fp: number; fn: number }>();
  const tally = (agent: string) => {
    let entry = tallies.get(agent);
    if (!entry) tallies.set(agent, (entry = { tp: 0, fp: 0, fn: 0 }));
    return entry;
  };
  const signals = new Map<string, number>();
  const misses: Miss[] = [];
  const config: ConfigCheck[] = [];
  let commits = 0;
  let count = 0;
  for (const repository of repositories) {
    count++;
    for (const commit of repository.commits) {
      commits++;
      const label = repository.labels[commit.sha];
      if (!label) throw new Error(`${repository.slug}: commit ${commit.sha} has no label`);
      const verdict = classifyCommit(commit);
      for (const id of new Set(verdict.evidence.map((e) => e.signal ?? `${e.agent}/${e.kind}`))) signals.set(id, (signals.get(id) ?? 0) + 1);
      const ignored = new Set(label.ambiguous);
      const predicted = new Set(verdict.agents.filter((agent) => !ignored.has(agent)));
      const truth = new Set(label.agents.filter((agent) => !ignored.has(agent)));
      const miss = (agent: string, kind: Miss["kind"]) =>
        misses.push({ slug: repository.slug, sha: commit.sha, agent, kind, evidence: verdict.evidence.map((e) => `${e.signal}: ${e.matched}`), subject: commit.message.split("\n")[0] ?? "" });
      for (const agent of predicted) {
        if (truth.has(agent)) {
          tally(agent).tp++;
        } else {
          tally(agent).fp++;
          miss(agent, "false-positive");
        }
      }
      for (const agent of truth) {
        if (predicted.has(agent)) continue;
        tally(agent).fn++;
        miss(agent, "false-negative");
      }
    }
    const found = classifyPaths(repository.files).evidence.filter((e) => e.strength === "strong").map((e) => `${e.agent} ${e.matched}`);
    const labelled = repository.configFiles.filter((c) => c.strength === "strong").map((c) => `${c.agent} ${c.path}`);
    config.push({
      slug: repository.slug,
      missing: labelled.filter((item) => !found.includes(item)).sort(),
      extra: found.filter((item) => !labelled.includes(item)).sort(),
    });
  }
  const agents = [...tallies]
    .map(([agent, t]) => ({
      agent,
      labelled: t.tp + t.fn,
      found: t.tp + t.fp,
      truePositives: t.tp,
      precision: t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp),
      recall: t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn),
    }))
    .sort((a, b) => b.labelled - a.labelled || a.agent.localeCompare(b.agent));
  return { repositories: count, commits, agents, signals, misses, config };
}

export const TARGETS = { minLabelled: 5, precision: 0.995, recall: 0.99 } as const;

/** The agents (with enough labelled commits to judge) below the targets. */
export function agentsBelowTargets(score: CorpusScore): AgentScore[] {
  return score.agents.filter((a) => a.labelled >= TARGETS.minLabelled && (a.precision < TARGETS.precision || a.recall < TARGETS.recall));
}
