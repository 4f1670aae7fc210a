// `npm run eval [corpus-folder] [--misses]`: the detector against a labelled corpus (default
// ../shared/fixtures/real-repos): precision and recall per agent, how many commits each catalog
// signal fired on, and the strong config files at HEAD against the labelled ones. Exits 1 below
// the targets (agents with ≥ 5 labelled commits: precision ≥ 0.995, recall ≥ 0.99; config files
// exactly the labelled ones), 2 when the corpus is missing.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { agentsBelowTargets, loadRepository, repositorySlugs, scoreCorpus, TARGETS } from "./lib/labelled-corpus.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { misses: { type: "boolean", default: false } } });
const corpus = resolve(positionals[0] ?? "../shared/fixtures/real-repos");
if (!existsSync(corpus)) {
  console.error(`eval: no labelled corpus at ${corpus} (pass a folder in the format of shared/fixtures/real-repos)`);
  process.exit(2);
}
const slugs = repositorySlugs(corpus);
const started = performance.now();
const score = scoreCorpus(slugs.map((slug) => loadRepository(corpus, slug)));
console.log(`${score.commits} commits in ${score.repositories} repositories (${corpus}), scored in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
console.table(
  score.agents.map((a) => ({ agent: a.agent, labelled: a.labelled, found: a.found, precision: a.precision.toFixed(4), recall: a.recall.toFixed(4) })),
);
console.log("\ncommits per signal:");
for (const [id, commits] of [...score.signals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(commits).padStart(6)}  ${id}`);
const configWrong = score.config.filter((c) => c.missing.length > 0 || c.extra.length > 0);
console.log(`\nstrong config files at HEAD: ${configWrong.length === 0 ? "exactly the labelled ones in every repository" : ""}`);
for (const c of configWrong) {
  for (const item of c.missing) console.log(`  ${c.slug}: missing ${item}`);
  for (const item of c.extra) console.log(`  ${c.slug}: not labelled ${item}`);
}
if (values.misses) {
  console.log("\nmisses:");
  for (const m of score.misses) console.log(`  ${m.kind} ${m.agent} ${m.slug} ${m.sha.slice(0, 10)} "${m.subject.slice(0, 70)}" [${m.evidence.join(" | ").slice(0, 300)}]`);
}
const below = agentsBelowTargets(score);
for (const a of below) console.log(`below target: ${a.agent} precision ${a.precision.toFixed(4)} recall ${a.recall.toFixed(4)} (${a.labelled} labelled)`);
console.log(
  `\ntargets (agents with ≥ ${TARGETS.minLabelled} labelled commits: precision ≥ ${TARGETS.precision}, recall ≥ ${TARGETS.recall}; config exact): ${below.length === 0 && configWrong.length === 0 ? "met" : "NOT met"}`,
);
process.exitCode = below.length === 0 && configWrong.length === 0 ? 0 : 1;
