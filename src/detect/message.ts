// Reads a commit message (or a pull-request body) for evidence, line by line:
// - a trailer line ("Key: value", leading spaces allowed, anywhere in the message: squash merges
//   put trailers mid-message) whose key is an identity trailer, a tool-crediting trailer, or a key
//   an agent owns;
// - a marker line, after leading whitespace, emoji and bullets;
// - and, over the whole text, links to an agent's session, task or thread.
//
// Linear on any input: each line is read a bounded number of times, only its first
// MAX_LINE_LENGTH characters are tested, and every catalog pattern is anchored and free of nested
// quantifiers (src/agents/compile.ts refuses others).
import type { Compiled, CompiledCatalog } from "./compile.js";
import { IDENTITY_TRAILER_KEYS, TOOL_TRAILER_KEYS, type MarkerSignal } from "../agents/entry.js";
import type { EvidenceList } from "./evidence.js";
import { describeIdentity, matchIdentity, parseNameAndEmail } from "./identity.js";

export const MAX_LINE_LENGTH = 1_000;
const MAX_DECORATION = 16;
const IDENTITY_KEYS: ReadonlySet<string> = new Set(IDENTITY_TRAILER_KEYS);
const TOOL_KEYS: ReadonlySet<string> = new Set(TOOL_TRAILER_KEYS);

// A key is a token of at most 64 characters; only spaces or tabs before it and before the colon.
const TRAILER = /^[ \t]*([A-Za-z][A-Za-z0-9-]{0,63})[ \t]*:([^]*)$/;

function isDecoration(code: number): boolean {
  // Whitespace, ASCII punctuation other than "[" (markdown links start markers), and anything
  // outside ASCII (emoji, bullets). Letters and digits end the decoration.
  if (code >= 0x80) return true;
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return false;
  return code !== 0x5b;
}

/** "🤖 Generated with [Claude Code](…)" → "Generated with [Claude Code](…)". */
export function stripLeadingDecoration(line: string): string {
  let index = 0;
  while (index < line.length && index < MAX_DECORATION && isDecoration(line.charCodeAt(index))) index++;
  return line.slice(index);
}

/** Where the text is: a commit message, or a pull-request body (whose evidence is all "pr-body"). */
export type TextPlace = "commit" | "pr-body";

function readTrailer(catalog: CompiledCatalog, line: string, key: string, rawValue: string, out: EvidenceList, place: TextPlace): boolean {
  const kind = place === "commit" ? "trailer" : "pr-body";
  const value = rawValue.trim();
  if (value === "") return false;
  const matched = line.trim();
  let found = false;
  for (const { agent, id, signal } of catalog.trailers.get(key) ?? []) {
    if (signal.value && !signal.value.test(value)) continue;
    out.add(agent, kind, signal.strength, matched, id);
    found = true;
  }
  const person = IDENTITY_KEYS.has(key) ? parseNameAndEmail(value) : null;
  if (person) {
    for (const { agent, id, signal } of matchIdentity(catalog, person, "co-author")) {
      out.add(agent, kind, signal.strength, `${line.slice(0, line.indexOf(":") + 1).trim()} ${describeIdentity(signal, person)}`, id);
      found = true;
    }
  }
  // A tool is credited by name: "Assisted-by: Crush:glm-5.2", "Co-Authored-By: opencode https://…".
  if (TOOL_KEYS.has(key) || (key === "co-authored-by" && person === null)) {
    // An agent's first tool name that matches is the reading ("Claude Code (Opus 5)" is the tool,
    // not also the family's hint).
    const named = new Set<string>();
    for (const { agent, id, signal } of catalog.toolNames) {
      if (named.has(agent) || !signal.value.test(value)) continue;
      named.add(agent);
      out.add(agent, kind, signal.strength, matched, id);
      found = true;
    }
  }
  return found;
}

function readMarkers(markers: readonly Compiled<MarkerSignal>[], text: string, out: EvidenceList, place: TextPlace): void {
  const kind = place === "commit" ? "marker" : "pr-body";
  for (const { agent, id, signal } of markers) {
    if (signal.line.test(text)) out.add(agent, kind, signal.strength, text.trim(), id);
  }
}

/** Every line's trailers and markers. */
export function readLines(catalog: CompiledCatalog, text: string, out: EvidenceList, place: TextPlace): void {
  const markers = place === "commit" ? catalog.markers : catalog.prBodyMarkers;
  const anyMarker = place === "commit" ? catalog.anyMarker : catalog.anyPrBodyMarker;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start + MAX_LINE_LENGTH) end = start + MAX_LINE_LENGTH;
    const line = text.slice(start, text.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
    if (start === 0 && place === "commit") readMarkers(catalog.firstLineMarkers, line, out, place);
    // A trailer has a colon: most lines are dismissed by one native search.
    const trailer = line.includes(":") ? TRAILER.exec(line) : null;
    if (!(trailer && readTrailer(catalog, line, trailer[1]!.toLowerCase(), trailer[2]!, out, place))) {
      const stripped = stripLeadingDecoration(line);
      if (anyMarker.test(stripped)) readMarkers(markers, stripped, out, place);
    }
    start = next;
  }
}

/** Links to an agent's session, task or thread anywhere in the text. */
export function readLinks(catalog: CompiledCatalog, text: string, out: EvidenceList, place: TextPlace): void {
  if (catalog.links.length === 0 || !text.includes("://")) return;
  for (const match of text.matchAll(catalog.anyLink)) {
    const url = match[0];
    const rest = url.replace(/^https?:\/\/(?:www\.)?/i, "");
    for (const { agent, id, signal } of catalog.links) {
      const head = signal.url.exec(rest);
      if (head?.index === 0) out.add(agent, place === "commit" ? "link" : "pr-body", signal.strength, url, id);
    }
  }
}
