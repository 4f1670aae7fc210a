// Precision and recall per agent on a labelled sample of real public histories
// (test/fixtures/labelled-sample: every labelled commit of the shared corpus's 19 repositories,
// with seeded draws of their near misses and other commits; see scripts/sample-corpus.ts).
// `npm run eval` measures the whole corpus, or any other in the same format.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentsBelowTargets, loadRepository, repositorySlugs, scoreCorpus, TARGETS } from "../../scripts/lib/labelled-corpus.js";

const sample = join(import.meta.dirname, "../fixtures/labelled-sample");

describe("accuracy on labelled real histories", () => {
  const slugs = repositorySlugs(sample);
  const score = scoreCorpus(slugs.map((slug) => loadRepository(sample, slug)));

  it("reads every repository of the sample, each commit with its label", () => {
    expect(slugs.length).toBe(19);
    expect(score.commits).toBeGreaterThan(5_000);
  });

  it(`reaches precision ≥ ${TARGETS.precision} and recall ≥ ${TARGETS.recall} for every agent with ≥ ${TARGETS.minLabelled} labelled commits`, () => {
    console.table(score.agents.map((a) => ({ ...a, precision: a.precision.toFixed(4), recall: a.recall.toFixed(4) })));
    expect(score.agents.filter((a) => a.labelled >= TARGETS.minLabelled).length).toBeGreaterThanOrEqual(15);
    expect(agentsBelowTargets(score), JSON.stringify(score.misses.slice(0, 5))).toEqual([]);
  });

  it("finds exactly the labelled strong config files at HEAD", () => {
    expect(score.config.filter((c) => c.missing.length > 0 || c.extra.length > 0)).toEqual([]);
  });

  it("names the signal behind every piece of evidence", () => {
    expect(score.signals.size).toBeGreaterThan(30);
    for (const id of score.signals.keys()) expect(id).toMatch(/^[a-z0-9-]+\/(identity|trailer|tool|marker|link)\//);
  });
});
