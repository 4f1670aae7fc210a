// Random and adversarial text for fuzzing the detector: catalog needles (real trailer lines,
// markers, bot logins, branch prefixes, config paths) mixed with what breaks naive parsers —
// CRLF and lone CR, NULs, lone surrogates, nested brackets, very long lines, huge trailer blocks.
import fc from "fast-check";
import { catalog } from "../../../src/agents/index.js";

/** Every example the catalog gives for its signals: the text a real agent writes. */
export const catalogExamples: string[] = catalog.flatMap((entry) => [
  ...(entry.identities ?? []).map((signal) => signal.example),
  ...(entry.markers ?? []).map((signal) => signal.example),
  ...(entry.trailers ?? []).map((signal) => signal.example),
  ...(entry.toolNames ?? []).map((signal) => signal.example),
  ...(entry.links ?? []).map((signal) => signal.example),
  ...(entry.pullRequests?.bodyMarkers ?? []).map((signal) => signal.example),
  ...(entry.nearMisses ?? []),
]);

export const catalogPaths: string[] = catalog.flatMap((entry) => (entry.configPaths ?? []).map((signal) => signal.example));
export const catalogLogins: string[] = catalog.flatMap((entry) => (entry.pullRequests?.authorLogins ?? []).map((signal) => signal.login));
export const catalogBranches: string[] = catalog.flatMap((entry) => (entry.pullRequests?.branchPrefixes ?? []).map((signal) => signal.example));

/** Fragments that stress line splitting, trailer parsing and marker matching. */
const adversarialFragments = [
  "Co-authored-by:",
  "Co-Authored-By: ",
  "co-authored-by:<",
  "Co-authored-by: Claude <noreply@anthropic.com",
  "Co-authored-by: <<<>>>",
  "Generated with [",
  "https://claude.ai/code/session_",
  "https://https://ampcode.com/threads/T-",
  "Assisted-by: Claude Code Claude Code Claude Code",
  "🤖 Generated with [Claude Code](",
  "Generated with [Claude Code](https://claude.ai/code",
  "[[[[((((<<<<",
  "]]]])))>>>>",
  "\n",
  "\r\n",
  "\r",
  "\n\n",
  "\u0000",
  "\u2028",
  "\uFEFF",
  "\t",
  "   ",
  ":",
  "<",
  ">",
  "@",
  "[bot]",
  "users.noreply.github.com",
  "🤖",
  "👩‍💻",
  "e\u0301",
  "Signed-off-by: A <a@example.org>",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** One piece of hostile text. */
export const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...adversarialFragments) },
  { weight: 3, arbitrary: fc.constantFrom(...catalogExamples) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...adversarialFragments), fc.integer({ min: 2, max: 300 })).map(([text, times]) => text.repeat(times)) },
);

/** A hostile message, body or name: fragments glued together. */
export const hostileText = (maxFragments = 40): fc.Arbitrary<string> =>
  fc.array(fragment, { maxLength: maxFragments }).map((parts) => parts.join(""));

/** A hostile path: segments that look like config folders, dot-dot, unicode, empty segments. */
export const hostilePath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...catalogPaths),
  fc.array(fc.oneof(fc.constantFrom("", ".", "..", ".github", ".claude", "CLAUDE.md", "AGENTS.md", ".cursor", "rules", "a".repeat(300)), fc.string({ unit: "binary", maxLength: 12 })), { maxLength: 12 }).map((segments) => segments.join("/")),
  fc.tuple(hostileText(6), fc.constantFrom(...catalogPaths)).map(([prefix, path]) => `${prefix}/${path}`),
);

/**
 * Inputs of a given size built by repeating one hostile unit: the shapes that trigger
 * catastrophic backtracking or quadratic scans if any exist.
 */
export function repeatToSize(unit: string, size: number): string {
  if (unit.length === 0) return "";
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
}
