// Reads the labelled real-repository histories in ../shared/fixtures/real-repos/.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { CommitInput } from "../../src/detect/types.js";

/** The project root (the folder with package.json), from the source tree or the built one in dist/. */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const FIXTURES_DIR = process.env.FIXTURES_DIR ?? resolve(projectRoot(), "../shared/fixtures/real-repos");

export interface CommitLabel {
  agents: string[];
  ambiguous: string[];
  evidence: { agent: string; kind: string }[];
}

export interface LabelledRepository {
  slug: string;
  repository: string;
  commits: CommitInput[];
  labels: Record<string, CommitLabel>;
  configFiles: { path: string; agent: string; strength: string }[];
  files: string[];
}

export function fixtureSlugs(): string[] {
  if (!existsSync(FIXTURES_DIR)) return [];
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function readCommitsJsonl(path: string): CommitInput[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      // first_parent is the corpus's note about the commit's place in history, not commit data.
      const { first_parent: _firstParent, ...commit } = JSON.parse(line) as CommitInput & { first_parent?: boolean };
      return commit;
    });
}

export function loadFixture(slug: string): LabelledRepository {
  const dir = join(FIXTURES_DIR, slug);
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as { repository: string };
  const labels = JSON.parse(readFileSync(join(dir, "labels.json"), "utf8")) as {
    commits: Record<string, CommitLabel>;
    config_files: { path: string; agent: string; strength: string }[];
  };
  return {
    slug,
    repository: meta.repository,
    commits: readCommitsJsonl(join(dir, "commits.jsonl")),
    labels: labels.commits,
    configFiles: labels.config_files,
    files: readFileSync(join(dir, "files.txt"), "utf8").split("\n").filter(Boolean),
  };
}
