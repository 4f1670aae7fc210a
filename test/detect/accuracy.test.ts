// Precision and recall per agent against the labelled real repositories. Ambiguous agents of a
// commit are ignored for that commit, as the labels' README says. The table is printed.
import { describe, expect, it } from "vitest";
import { classifyCommit, classifyPaths } from "../../src/detect/index.js";
import { fixtureSlugs, loadFixture } from "../support/fixtures.js";

interface Tally { tp: number; fp: number; fn: number }

describe("accuracy on the labelled real repositories", () => {
  const slugs = fixtureSlugs();

  it("finds the fixtures", () => {
    expect(slugs.length).toBeGreaterThanOrEqual(8);
  });

  it("reaches precision ≥ 0.99 and recall ≥ 0.98 for every agent", () => {
    const tallies = new Map<string, Tally>();
    const tally = (agent: string) => {
      let entry = tallies.get(agent);
      if (!entry) tallies.set(agent, (entry = { tp: 0, fp: 0, fn: 0 }));
      return entry;
    };
    let commits = 0;
    for (const slug of slugs) {
      const fixture = loadFixture(slug);
      for (const commit of fixture.commits) {
        commits++;
        const label = fixture.labels[commit.sha];
        expect(label, `${slug} ${commit.sha} has a label`).toBeDefined();
        const ignored = new Set(label!.ambiguous);
        const predicted = new Set(classifyCommit(commit).agents.filter((a) => !ignored.has(a)));
        const truth = new Set(label!.agents.filter((a) => !ignored.has(a)));
        for (const agent of predicted) tally(agent)[truth.has(agent) ? "tp" : "fp"]++;
        for (const agent of truth) if (!predicted.has(agent)) tally(agent).fn++;
      }
    }
    const rows = [...tallies].sort().map(([agent, t]) => ({
      agent,
      labelled: t.tp + t.fn,
      found: t.tp + t.fp,
      precision: t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp),
      recall: t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn),
    }));
    console.log(`accuracy over ${commits} real commits in ${slugs.length} repositories`);
    console.table(rows.map((r) => ({ ...r, precision: r.precision.toFixed(4), recall: r.recall.toFixed(4) })));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      expect(row.precision, `${row.agent} precision`).toBeGreaterThanOrEqual(0.99);
      expect(row.recall, `${row.agent} recall`).toBeGreaterThanOrEqual(0.98);
    }
  });

  it("finds exactly the labelled strong config files at HEAD", () => {
    for (const slug of slugs) {
      const fixture = loadFixture(slug);
      const found = classifyPaths(fixture.files).evidence.filter((e) => e.strength === "strong").map((e) => `${e.agent} ${e.matched}`);
      const labelled = fixture.configFiles.filter((c) => c.strength === "strong").map((c) => `${c.agent} ${c.path}`);
      expect(found.sort(), slug).toEqual(labelled.sort());
    }
  });
});
