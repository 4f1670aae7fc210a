// The detector's shortcuts must never change what it finds: the message scan's look-up tables
// must find exactly the lines a plain reading of every line finds, and people and lines
// recalled from their slots must give the verdict a reading from scratch gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalog } from "../../src/agents/catalog.js";
import { compileCatalog } from "../../src/agents/compile.js";
import { classifyCommit } from "../../src/detect/index.js";
import { buildLineStartTable, forEachCandidateLine, MAX_LINE_LENGTH, type LineStartTable } from "../../src/detect/lines.js";
import type { CommitInput, Evidence } from "../../src/detect/types.js";

const compiled = compileCatalog(catalog);
const needles = [...compiled.messageRules.keys()];
interface Visit {
  start: number;
  end: number;
  needle: string;
  needleAt: number;
  isFirstLine: boolean;
}

/** The plain reading: every line, its decoration skipped, the longest needle it starts with. */
function plainCandidates(text: string, lineNeedles: readonly string[]): Visit[] {
  const isDecoration = (code: number) =>
    code >= 0x80 || !((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5b);
  const lowerAscii = (code: number) => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);
  const startsWithNeedle = (at: number, needle: string) =>
    at + needle.length <= text.length && [...needle].every((_, i) => lowerAscii(text.charCodeAt(at + i)) === needle.charCodeAt(i));
  const visits: Visit[] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    let at = start;
    while (at < start + line.length && at < start + 16 && isDecoration(text.charCodeAt(at))) at++;
    const sorted = [...lineNeedles].sort((a, b) => b.length - a.length);
    const needle = sorted.find((candidate) => startsWithNeedle(at, candidate));
    if (needle !== undefined) {
      let end = Math.min(start + line.length, start + MAX_LINE_LENGTH);
      if (text.charCodeAt(end - 1) === 0x0d) end--;
      visits.push({ start, end, needle, needleAt: at, isFirstLine: start === 0 });
    }
    start += line.length + 1;
  }
  return visits;
}

function scannedCandidates(text: string, table: LineStartTable): Visit[] {
  const visits: Visit[] = [];
  forEachCandidateLine(text, table, {
    visitLine: ({ start, end, needle, needleAt, isFirstLine }) => visits.push({ start, end, needle, needleAt, isFirstLine }),
  });
  return visits;
}

const caseVariant = (text: string) =>
  fc.constantFrom(text, text.toUpperCase(), text[0]!.toUpperCase() + text.slice(1), text.replace(/-(.)/g, (_, c: string) => `-${c.toUpperCase()}`));
/** Messages made of needles (whole, cut short, in any case), decoration, line breaks and text. */
function messageOf(lineNeedles: readonly string[]): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom(...lineNeedles).chain(caseVariant),
    fc.constantFrom(...lineNeedles).chain((needle) => fc.nat({ max: needle.length - 1 }).map((cut) => needle.slice(0, cut))),
    fc.constantFrom("\n", "\n", "\r\n", "\n\n", " ", "  ", "\t", "- ", "* ", "🤖 ", "> ", "[", "É", "\u2028", "x", ": ", " <noreply@anthropic.com>"),
    fc.constantFrom("Claude <noreply@anthropic.com>", "(https://claude.ai/code)", "Fix the thing", "aider: x", "co-authored", "made with"),
    fc.string({ maxLength: 6 }),
    fc.constantFrom("                 ", "x".repeat(MAX_LINE_LENGTH)),
  );
  return fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(""));
}

/** Scanning with `table` finds exactly the lines a plain reading for `lineNeedles` finds. */
function expectScanAsPlainReading(table: LineStartTable, lineNeedles: readonly string[], numRuns: number): void {
  fc.assert(
    fc.property(messageOf(lineNeedles), (text) => {
      expect(scannedCandidates(text, table)).toEqual(plainCandidates(text, lineNeedles));
    }),
    { numRuns },
  );
}

describe("the message scan", () => {
  it("visits exactly the lines a plain reading of every line finds", () => {
    expectScanAsPlainReading(compiled.messageLines, needles, 5_000);
  });

  it("visits exactly those lines for needles of two characters, and ones going on beyond ASCII", () => {
    // The table reads three characters: a needle of two lets anything follow, and a third
    // character outside ASCII has a column of its own.
    const odd = ["ok", "naïve", "na-", "co-authored-by", "cop"];
    expectScanAsPlainReading(buildLineStartTable(odd), odd, 3_000);
  });

  it("visits exactly those lines for a catalog with more needle beginnings than the table has rows", () => {
    // 676 beginnings ("aa" … "zz"): past the 254th they share one row, which lets through the
    // third characters of all of them.
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const many = [...letters].flatMap((first) => [...letters].map((second) => `${first}${second}-x`));
    expectScanAsPlainReading(buildLineStartTable(many), many, 1_000);
  });

  it("visits exactly the pull-request body lines a plain reading finds", () => {
    const bodyNeedles = [...new Set(compiled.prBodyMarkers.map(({ signal }) => signal.needle.toLowerCase()))];
    expectScanAsPlainReading(compiled.prBodyLines, bodyNeedles, 2_000);
  });
});

describe("recently read people", () => {
  const DATE = "2026-01-02T03:04:05Z";
  // Few people, many alike (one address under several names of one length, one name at several
  // addresses of one length and beginning, with and without an agent's login), so the slots
  // are hit, missed and overwritten in every order.
  const people = [
    { name: "Paul Gauthier", email: "paul@aider.chat" },
    { name: "Paul Gauthier (aider)", email: "paul@aider.chat" },
    { name: "Paul Gauthier [aider]", email: "paul@aider.chat" },
    { name: "Paul Gauthier [aider]", email: "paul@example.org" },
    { name: "Bot", email: "bot@example.org" },
    { name: "Bot", email: "bot@example.org", login: "cursor" },
    { name: "Bot", email: "bot@example.org", login: "cursos" },
    { name: "Paul Gauthier (aider)", email: "paul@example.org" },
    { name: "GitHub", email: "noreply@github.com" },
    { name: "GitHub", email: "noreply@github.com", login: "web-flow" },
    // What an empty slot holds: it must be read as it is.
    { name: "", email: "" },
    { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com", login: "Copilot" },
    { name: "Copilot", email: "198982749+Copilot@users.noreply.github.com" },
    { name: "openhands", email: "openhands@all-hands.dev" },
    { name: "openhands", email: "openhands@all-hands.dex" },
    { name: "Ada", email: "ada@example.org" },
    { name: "Ada", email: "adb@example.org" },
    { name: "Adam", email: "ada@example.org" },
    { name: "Claude", email: "noreply@anthropic.com" },
  ];
  const person = fc.constantFrom(...people);
  const commit = fc.record({ author: person, committer: person, message: fc.constantFrom("Fix", "Fix\n\nCo-authored-by: Ada <ada@example.org>") });

  it("give every commit the verdict a catalog compiled afresh (with no one remembered) gives", () => {
    fc.assert(
      fc.property(fc.array(commit, { minLength: 1, maxLength: 12 }), (commits) => {
        for (const { author, committer, message } of commits) {
          const input: CommitInput = { sha: "c".repeat(40), parents: [], author: { ...author, date: DATE }, committer: { ...committer, date: DATE }, message };
          expect(classifyCommit(input)).toEqual(classifyCommit(input, [...catalog]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keep no overlong (hostile) identity in a slot, and still read it right every time", () => {
    const long = { name: `${"x".repeat(400)} (aider)`, email: "a@example.org", date: DATE };
    for (let i = 0; i < 3; i++) {
      expect(classifyCommit({ sha: "f".repeat(40), parents: [], author: long, committer: long, message: "Fix" }).agents).toEqual(["aider"]);
    }
    expect(compiled.recentPeople.holdsName(long.name)).toBe(false);
  });
});

describe("remembered lines", () => {
  // Lines of one length that differ where the slot is not picked (so they share slots), agents'
  // and people's, as first lines and further down.
  const lines = [
    "Co-authored-by: Claude <noreply@anthropic.com>",
    "Co-authored-by: Claudx <noreply@anthropic.com>",
    "Co-authored-by: Claude <noreply@anthropic.con>",
    "Co-authored-by: C1aude <noreply@anthropic.com>",
    "Co-authored-by: Clau <noreply@anthropic.com>  ",
    "Co-Authored-By: Paul (aider) <p@example.org>",
    "Co-Authored-By: Paul [aider] <p@example.org>",
    "Co-authored-by: Saoud Rizwan <7799382+saoudrizwan@users.noreply.github.com>",
    "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>",
    "Co-authored-by: Copilot <175728473+Copilot@users.noreply.github.com>",
    "🤖 Generated with [Claude Code](https://claude.ai/code)",
    "🤖 Generated with [Claude Code](https://claude.ai/codx)",
    "aider: fix the parser",
    "aider: fix the parsex",
    "Fix the parser",
  ];
  const message = fc
    .array(fc.tuple(fc.constantFrom(...lines), fc.constantFrom("\n", "\r\n", "\n\n")), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.map(([line, end]) => line + end).join(""));

  const someone = fc.constantFrom(
    { name: "Ada", email: "ada@example.org", date: "2026-01-02T03:04:05Z" },
    { name: "Paul Gauthier (aider)", email: "paul@aider.chat", date: "2026-01-02T03:04:05Z" },
    { name: "openhands", email: "openhands@all-hands.dev", date: "2026-01-02T03:04:05Z" },
  );

  it("give every commit the verdict a catalog compiled afresh (with no line remembered) gives", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(message, someone, someone), { minLength: 1, maxLength: 8 }), (commits) => {
        for (const [text, author, committer] of commits) {
          const input: CommitInput = { sha: "d".repeat(40), parents: [], author, committer, message: text };
          expect(classifyCommit(input)).toEqual(classifyCommit(input, [...catalog]));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("give a commit its people's evidence, then each line's, repeats dropped (however few lines hold any)", () => {
    const read = (author: CommitInput["author"], committer: CommitInput["committer"], text: string) =>
      classifyCommit({ sha: "e".repeat(40), parents: [], author, committer, message: text });
    const ada = { name: "Ada", email: "ada@example.org", date: "2026-01-02T03:04:05Z" };
    fc.assert(
      fc.property(message, someone, someone, (text, author, committer) => {
        // Each part read alone: the people with an empty message, each line alone (as a first
        // line, or after one), by Ada.
        const parts = [read(author, committer, "").evidence];
        text.split("\n").forEach((line, index) => parts.push(read(ada, ada, index === 0 ? line : `Fix\n${line}`).evidence));
        const expected: Evidence[] = [];
        for (const item of parts.flat()) if (!expected.some((kept) => JSON.stringify(kept) === JSON.stringify(item))) expected.push(item);
        const strong = [...new Set(expected.filter((item) => item.strength === "strong").map((item) => item.agent))].sort();
        const weak = [...new Set(expected.filter((item) => item.strength === "weak").map((item) => item.agent))].filter((agent) => !strong.includes(agent)).sort();
        const verdict = read(author, committer, text);
        expect(verdict.evidence).toEqual(expected);
        expect(verdict.agents).toEqual(strong);
        expect(verdict.weakAgents).toEqual(weak);
      }),
      { numRuns: 2_000 },
    );
  });
});
