// Writes the labelled sample the accuracy test reads (test/fixtures/labelled-sample/), from a
// labelled corpus in the shared format: per repository, every commit with a label or an ambiguous
// agent, a seeded draw of up to --near (150) unlabelled commits whose text names an agent-like
// word (the near misses) and of --random (40) other unlabelled commits; the files at HEAD; the
// labels of the commits kept. Commits are copied byte for byte, never edited.
//
//   npx tsx scripts/sample-corpus.ts [corpus-folder] [out-folder] [--near N] [--random N]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { repositorySlugs } from "./lib/labelled-corpus.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { near: { type: "string", default: "150" }, random: { type: "string", default: "40" } } });
const corpus = resolve(positionals[0] ?? "../shared/fixtures/real-repos");
const out = resolve(positionals[1] ?? "test/fixtures/labelled-sample");
const nearPerRepository = Number(values.near);
const randomPerRepository = Number(values.random);

const AGENT_LIKE =
  /claude|anthropic|copilot|cursor|codex|openai|devin|jules|aider|openhands|all-hands|\bamp\b|ampcode|opencode|crush|charm\.land|gemini|cline|qwen|sisyphus|factory|droid|windsurf|kiro|junie|\bbot\b|\[bot\]|agent|assisted-by|generated[- ]by|generated with/i;

/** A small seeded generator (mulberry32): the same corpus gives the same sample. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

rmSync(out, { recursive: true, force: true });
let kept = 0;
let total = 0;
for (const slug of repositorySlugs(corpus)) {
  const dir = join(corpus, slug);
  const labels = JSON.parse(readFileSync(join(dir, "labels.json"), "utf8")) as { commits: Record<string, { agents: string[]; ambiguous: string[] }>; config_files: unknown[] };
  const lines = readFileSync(join(dir, "commits.jsonl"), "utf8").split("\n").filter((line) => line.trim() !== "");
  const next = random(lines.length);
  const labelled = (line: string) => {
    const label = labels.commits[(JSON.parse(line) as { sha: string }).sha]!;
    return label.agents.length > 0 || label.ambiguous.length > 0;
  };
  const near = lines.filter((line) => !labelled(line) && AGENT_LIKE.test(line));
  const other = lines.length - near.length;
  const sample = lines.filter((line) => {
    if (labelled(line)) return true;
    return AGENT_LIKE.test(line) ? next() < nearPerRepository / near.length : next() < randomPerRepository / other;
  });
  const shas = new Set(sample.map((line) => (JSON.parse(line) as { sha: string }).sha));
  const keptLabels = { commits: Object.fromEntries(Object.entries(labels.commits).filter(([sha]) => shas.has(sha))), config_files: labels.config_files };
  mkdirSync(join(out, slug), { recursive: true });
  writeFileSync(join(out, slug, "commits.jsonl.gz"), gzipSync(`${sample.join("\n")}\n`, { level: 9 }));
  writeFileSync(join(out, slug, "labels.json.gz"), gzipSync(JSON.stringify(keptLabels), { level: 9 }));
  writeFileSync(join(out, slug, "files.txt.gz"), gzipSync(readFileSync(join(dir, "files.txt")), { level: 9 }));
  writeFileSync(join(out, slug, "meta.json"), readFileSync(join(dir, "meta.json")));
  kept += sample.length;
  total += lines.length;
}
console.log(`kept ${kept} of ${total} commits in ${out}`);
