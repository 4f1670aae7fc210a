// Fuzzes the pure detection core with random and adversarial commits, paths and pull requests:
// it must never throw, must give well-formed, deterministic verdicts, and must stay linear in
// the input's size (cost growth between two sizes, never a wall-clock budget).
// Runs small in `npm test`; `npm run test:reliability` runs it at full size (several MB).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalog } from "../../src/agents/index.js";
import { classifyCommit, classifyPaths, classifyPullRequest } from "../../src/detect/index.js";
import type { CommitInput, Evidence, PullRequestInput } from "../../src/detect/types.js";
import { fixtureSlugs, loadFixture } from "../support/fixtures.js";
import { fullSize, recordFigures } from "./support/figures.js";
import { catalogBranches, catalogExamples, catalogLogins, catalogPaths, fragment, hostilePath, hostileText, repeatToSize } from "./support/hostile-text.js";

const AREA = "detection fuzz";
const runs = fullSize ? 2_000 : 150;
const agentIds = new Set(catalog.map((entry) => entry.id));
const MAX_MATCHED = 200;

const date = fc.constantFrom("2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "not a date", "", "2026-13-45T99:99:99+25:00");
const person = fc.record({ name: hostileText(6), email: fc.oneof(hostileText(4), fc.constantFrom(...catalogExamples)), date, login: fc.option(fc.oneof(hostileText(3), fc.constantFrom(...catalogLogins))) });
const commitInput: fc.Arbitrary<CommitInput> = fc.record({
  sha: fc.string({ unit: "binary-ascii", maxLength: 45 }),
  parents: fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
  author: person,
  committer: person,
  message: hostileText(),
});
const pullRequestInput: fc.Arbitrary<PullRequestInput> = fc.record({
  number: fc.integer(),
  authorLogin: fc.option(fc.oneof(hostileText(3), fc.constantFrom(...catalogLogins))),
  headRef: fc.oneof(hostileText(4), fc.constantFrom(...catalogBranches)),
  title: hostileText(6),
  body: fc.option(hostileText()),
  createdAt: date,
});

/** What every verdict must look like, whatever the input. */
function expectWellFormed(verdict: { agents: string[]; weakAgents: string[]; evidence: Evidence[] }): void {
  for (const agent of [...verdict.agents, ...verdict.weakAgents]) expect(agentIds.has(agent), agent).toBe(true);
  expect(verdict.agents).toEqual([...new Set(verdict.agents)].sort());
  expect(verdict.weakAgents).toEqual([...new Set(verdict.weakAgents)].sort());
  expect(verdict.agents.filter((agent) => verdict.weakAgents.includes(agent))).toEqual([]);
  for (const item of verdict.evidence) {
    expect(agentIds.has(item.agent)).toBe(true);
    expect(item.matched.length).toBeLessThanOrEqual(MAX_MATCHED);
    if (item.strength === "strong") expect(verdict.agents).toContain(item.agent);
    else expect([...verdict.agents, ...verdict.weakAgents]).toContain(item.agent);
  }
}

describe("the detector on random and adversarial input", () => {
  it("classifies any commit without throwing, well-formed and deterministic", () => {
    fc.assert(
      fc.property(commitInput, (commit) => {
        const verdict = classifyCommit(commit);
        expect(verdict.sha).toBe(commit.sha);
        expectWellFormed(verdict);
        expect(classifyCommit(structuredClone(commit))).toEqual(verdict);
      }),
      { numRuns: runs },
    );
    recordFigures(AREA, "commits", { badInputsTried: runs });
  });

  it("classifies any list of paths without throwing; every evidence names a path it was given", () => {
    fc.assert(
      fc.property(fc.array(hostilePath, { maxLength: 50 }), (paths) => {
        const verdict = classifyPaths(paths);
        for (const item of verdict.evidence) {
          expect(agentIds.has(item.agent)).toBe(true);
          // The detector reads "./CLAUDE.md" as "CLAUDE.md"; a config file keeps its whole path.
          const given = paths.map((path) => (path.startsWith("./") ? path.slice(2) : path));
          expect(given).toContain(item.matched);
        }
        expect(classifyPaths([...paths])).toEqual(verdict);
      }),
      { numRuns: runs },
    );
    recordFigures(AREA, "paths", { badInputsTried: runs });
  });

  it("classifies any pull request without throwing, well-formed and deterministic", () => {
    fc.assert(
      fc.property(pullRequestInput, (pr) => {
        const verdict = classifyPullRequest(pr);
        expect(verdict.number).toBe(pr.number);
        expectWellFormed(verdict);
        expect(classifyPullRequest(structuredClone(pr))).toEqual(verdict);
      }),
      { numRuns: runs },
    );
    recordFigures(AREA, "pull requests", { badInputsTried: runs });
  });

  it("finds a real co-author trailer or marker however much hostile text comes before it", () => {
    // The last line of the message is a catalog example; whatever precedes it on earlier lines
    // must not hide it (a strong example must still give its agent).
    const strongLines = catalog.flatMap((entry) => [
      ...(entry.identities ?? []).filter((s) => s.strength === "strong" && /^co-authored-by:/i.test(s.example)).map((s) => ({ agent: entry.id, line: s.example })),
      ...(entry.markers ?? []).filter((s) => s.strength === "strong" && !s.firstLineOnly).map((s) => ({ agent: entry.id, line: s.example })),
    ]);
    expect(strongLines.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(hostileText(20), fc.constantFrom(...strongLines), fc.constantFrom("\n", "\r\n"), (noise, { agent, line }, eol) => {
        const person = { name: "Ada", email: "ada@example.org", date: "2026-01-01T00:00:00Z" };
        const message = `Subject${eol}${eol}${noise}${eol}${eol}${line}${eol}`;
        expect(classifyCommit({ sha: "s", parents: [], author: person, committer: person, message }).agents).toContain(agent);
      }),
      { numRuns: runs },
    );
  });

  it("gives the same agents for real commits whose line endings became CRLF", () => {
    const commits = fixtureSlugs().flatMap((slug) => loadFixture(slug).commits).slice(0, fullSize ? undefined : 2_000);
    expect(commits.length).toBeGreaterThan(0);
    let withAgents = 0;
    for (const commit of commits) {
      const verdict = classifyCommit(commit);
      if (verdict.agents.length > 0) withAgents += 1;
      const crlf = classifyCommit({ ...commit, message: commit.message.replace(/\r?\n/g, "\r\n") });
      expect(crlf.agents, commit.sha).toEqual(verdict.agents);
      expect(crlf.weakAgents, commit.sha).toEqual(verdict.weakAgents);
    }
    expect(withAgents).toBeGreaterThan(0);
    recordFigures(AREA, "CRLF on real commits", { badInputsTried: commits.length });
  });
});

// ─── Linear time ────────────────────────────────────────────────────────────────────────────────

/** CPU time (not wall time: the machine is shared) of the fastest of three runs, in ms. */
function cpuMs(run: () => void, times: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3; attempt++) {
    const start = process.cpuUsage();
    for (let i = 0; i < times; i++) run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

const SMALL = fullSize ? 512 * 1024 : 64 * 1024;
const LARGE = SMALL * 8;
// Linear work grows ~8× with 8× the input; quadratic grows ~64×.
const MAX_GROWTH = 30;
// The small input is classified enough times to take this long, so timer granularity and a
// stray garbage collection do not read as growth.
const CALIBRATED_MS = fullSize ? 10 : 4;

/** Cost growth from SMALL to LARGE; measured again (up to three times) when a reading looks bad (noise). */
function growth(make: (size: number) => unknown, classify: (input: never) => unknown): number {
  const small = make(SMALL) as never;
  const large = make(LARGE) as never;
  let times = 1;
  while (times < 4096 && cpuMs(() => classify(small), times) < CALIBRATED_MS) times *= 2;
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && best >= MAX_GROWTH; attempt++) {
    best = Math.min(best, cpuMs(() => classify(large), times) / Math.max(cpuMs(() => classify(small), times), 0.001));
  }
  return best;
}

const someone = { name: "A", email: "a@example.org", date: "2026-01-01T00:00:00Z" };
const asCommit = (message: string): CommitInput => ({ sha: "c", parents: [], author: someone, committer: someone, message });
const asPullRequest = (body: string): PullRequestInput => ({ number: 1, authorLogin: null, headRef: body.slice(0, 4096), title: body.slice(0, 4096), body, createdAt: "2026-01-01T00:00:00Z" });

/** The repeated units: every adversarial fragment and catalog example, plus random hostile ones. */
function hostileUnits(): string[] {
  const fixed = [...catalogExamples.map((line) => `${line}\n`), ...catalogExamples, "Co-authored-by: ".repeat(8), "Generated with [".repeat(4), "<[(".repeat(4), "\r\n", "\u0000\n", "\ud83d"];
  const random = fc.sample(fc.array(fragment, { minLength: 1, maxLength: 8 }).map((parts) => parts.join("")), { numRuns: fullSize ? 60 : 8, seed: 8 });
  const units = [...new Set([...fixed, ...random])].filter((unit) => unit.length > 0);
  // An even spread over every kind of unit, bounded so the check stays within minutes.
  const budget = fullSize ? 24 : 5;
  return units.filter((_, index) => index % Math.ceil(units.length / budget) === 0);
}

describe(`the detector stays linear (${SMALL / 1024} KB vs ${LARGE / 1024} KB)`, () => {
  const units = hostileUnits();

  it("on commit messages and pull-request bodies of every hostile shape", () => {
    const worst: Array<{ unit: string; commit: number; pr: number }> = [];
    for (const unit of units) {
      const commit = growth((size) => asCommit(repeatToSize(unit, size)), classifyCommit as (input: never) => unknown);
      const pr = growth((size) => asPullRequest(repeatToSize(unit, size)), classifyPullRequest as (input: never) => unknown);
      if (commit >= MAX_GROWTH || pr >= MAX_GROWTH) worst.push({ unit: JSON.stringify(unit.slice(0, 80)), commit, pr });
    }
    recordFigures(AREA, "linear time (messages, PR bodies)", { badInputsTried: units.length * 2 });
    expect(worst, "inputs whose cost grew more than linearly").toEqual([]);
  });

  it("on author names and emails of several MB", () => {
    const units = ["<".repeat(3), "noreply@anthropic.com", "[bot]", " (aider)", "@users.noreply.github.com+"];
    for (const unit of fullSize ? units : units.slice(0, 2)) {
      // Four times the usual sizes: below ~100 KB V8 lower-cases a one-byte string so fast that
      // the small run measures almost nothing and the ratio would show the engine, not us.
      const ratio = growth((size) => ({ ...asCommit("x"), author: { ...someone, name: repeatToSize(unit, 4 * size), email: repeatToSize(unit, 4 * size) } }), classifyCommit as (input: never) => unknown);
      expect(ratio, unit).toBeLessThan(MAX_GROWTH);
    }
  });

  it("on path lists and single paths of several MB", () => {
    const pathUnits = [...catalogPaths, "../", ".claude/", "a/"];
    // A large tree where few paths match (distinct matching paths are checked below).
    const listRatio = growth((size) => Array.from({ length: size / 64 }, (_, i) => (i % 1000 === 0 ? pathUnits[(i / 1000) % pathUnits.length]! : `src/module-${i}/index.ts`)), classifyPaths as (input: never) => unknown);
    expect(listRatio).toBeLessThan(MAX_GROWTH);
    const worst: Array<{ unit: string; ratio: number }> = [];
    for (const unit of pathUnits.slice(0, fullSize ? undefined : 4)) {
      const ratio = growth((size) => [repeatToSize(unit, size)], classifyPaths as (input: never) => unknown);
      if (ratio >= MAX_GROWTH) worst.push({ unit, ratio });
    }
    expect(worst, "paths whose cost grew more than linearly").toEqual([]);
    recordFigures(AREA, "linear time (paths)", { badInputsTried: 1 + pathUnits.length });
  });
});

// Many DIFFERENT pieces of evidence in one input: a squash merge with thousands of distinct
// co-author trailers, a PR body of marker lines, a monorepo with a CLAUDE.md in every package.
// (Found quadratic by this suite's first version; the collector now caps evidence per agent and
// dedupes paths with a set.)
describe("the detector stays linear when every line or path is distinct evidence", () => {
  const lines = (size: number, line: (i: number) => string): string => {
    const out: string[] = [];
    for (let i = 0, length = 0; length < size; i++) {
      out.push(line(i));
      length += out.at(-1)!.length + 1;
    }
    return out.join("\n");
  };

  it("on a commit with thousands of distinct agent co-author trailers", () => {
    const ratio = growth((size) => asCommit(`Squash\n\n${lines(size / 8, (i) => `Co-authored-by: Claude ${i} <noreply@anthropic.com>`)}`), classifyCommit as (input: never) => unknown);
    recordFigures(AREA, "distinct evidence lines", { badInputsTried: 1 });
    expect(ratio).toBeLessThan(MAX_GROWTH);
  });

  it("on a pull-request body with thousands of distinct marker lines", () => {
    const ratio = growth((size) => asPullRequest(lines(size / 8, (i) => `🤖 Generated with [Claude Code](https://claude.ai/code) ${i}`)), classifyPullRequest as (input: never) => unknown);
    recordFigures(AREA, "distinct evidence lines", { badInputsTried: 1 });
    expect(ratio).toBeLessThan(MAX_GROWTH);
  });

  it("on a tree with a CLAUDE.md in every one of thousands of packages", () => {
    const ratio = growth((size) => Array.from({ length: size / 256 }, (_, i) => `packages/p${i}/CLAUDE.md`), classifyPaths as (input: never) => unknown);
    recordFigures(AREA, "distinct evidence lines", { badInputsTried: 1 });
    expect(ratio).toBeLessThan(MAX_GROWTH);
  });
});
