// Reads the real, labelled repository histories the tests replay: test/fixtures/real-repos/ (a
// byte-exact copy of part of the shared corpus, made by scripts/copy-test-fixtures.ts), or the
// folder FIXTURES_DIR names (the whole shared corpus, for benchmarks).
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { loadRepository, readCorpusText, repositorySlugs, type CommitLabel } from "../../scripts/lib/labelled-corpus.js";
import type { CommitInput } from "../../src/detect/types.js";

/** The project root (the folder with package.json), from the source tree or the built one in dist/. */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const FIXTURES_DIR = process.env.FIXTURES_DIR ?? resolve(projectRoot(), "test/fixtures/real-repos");

/** The shared corpus beside the repository, for benchmarks; null when it is not there. */
export function sharedCorpus(): string | null {
  const dir = resolve(projectRoot(), "../shared/fixtures/real-repos");
  return existsSync(dir) ? dir : null;
}

export type { CommitLabel };

export interface LabelledRepository {
  slug: string;
  repository: string;
  commits: CommitInput[];
  labels: Record<string, CommitLabel>;
  configFiles: { path: string; agent: string; strength: string }[];
  files: string[];
}

export function fixtureSlugs(dir = FIXTURES_DIR): string[] {
  return existsSync(dir) ? repositorySlugs(dir) : [];
}

/** A fixture file's text ("commits.jsonl", "files.txt", "meta.json"), plain or gzipped. */
export function fixtureText(slug: string, file: string, dir = FIXTURES_DIR): string {
  return readCorpusText(join(dir, slug), file);
}

export function loadFixture(slug: string, dir = FIXTURES_DIR): LabelledRepository {
  const repository = loadRepository(dir, slug);
  const meta = JSON.parse(fixtureText(slug, "meta.json", dir)) as { repository: string };
  return { ...repository, repository: meta.repository };
}
