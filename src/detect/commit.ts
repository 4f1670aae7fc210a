// classifyCommit: one commit in, evidence out. Pure: no I/O, no clock.
//
// This is the crawler's hot path (millions of commits), so it is written to allocate nothing
// for a commit without evidence: evidence lists are created on first use, identities are
// looked up once per address, and the message is scanned once, line start to line start.
import { catalog } from "../agents/catalog.js";
import { CO_AUTHOR_KEY, compileCatalog, type CompiledCatalog } from "../agents/compile.js";
import type { AgentEntry } from "../agents/entry.js";
import { addEvidence, verdictFields } from "./evidence.js";
import { describeIdentityMatch, matchIdentity, type PersonLike } from "./identity.js";
import { forEachCandidateLine, type FoundLine, type LineVisitor } from "./lines.js";
import { matchMarkers } from "./markers.js";
import type { CommitInput, CommitVerdict, Evidence } from "./types.js";

/** "Name <email>" of a trailer value; null when the value has no address. */
export function parseNameAndEmail(value: string): PersonLike | null {
  const open = value.lastIndexOf("<");
  const close = value.lastIndexOf(">");
  if (open < 0 || close < open) return null;
  return { name: value.slice(0, open).trim(), email: value.slice(open + 1, close).trim() };
}

/** Splits "Key: value" when the key is a trailer token (letters, digits, dashes). */
function splitTrailer(line: string): { key: string; value: string } | null {
  const text = line.trimStart();
  const colon = text.indexOf(":");
  if (colon <= 0 || colon > 64) return null;
  const key = text.slice(0, colon).trimEnd();
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(key)) return null;
  return { key: key.toLowerCase(), value: text.slice(colon + 1).trim() };
}

/** Reads one candidate line of a commit message: a co-author trailer, an agent-owned trailer key, or a marker. */
function classifyLine(compiled: CompiledCatalog, line: FoundLine, items: Evidence[] | null): Evidence[] | null {
  const trailer = splitTrailer(line.text);
  if (trailer?.key === CO_AUTHOR_KEY) {
    const person = parseNameAndEmail(trailer.value);
    if (!person) return items;
    for (const { agent, signal } of matchIdentity(compiled, person, "co-author")) {
      items = addEvidence(items, agent, "trailer", signal.strength, line.text.trim());
    }
    return items;
  }
  const ownedKey = trailer ? compiled.trailerKeys.get(trailer.key) : undefined;
  if (ownedKey && trailer && trailer.value.length > 0) {
    return addEvidence(items, ownedKey.agent, "trailer", ownedKey.signal.strength, line.text.trim());
  }
  for (const { agent, signal } of matchMarkers(compiled.markers, line)) {
    items = addEvidence(items, agent, "marker", signal.strength, line.text.trim());
  }
  return items;
}

function classifyPerson(
  compiled: CompiledCatalog,
  person: PersonLike,
  role: "author" | "committer",
  items: Evidence[] | null,
): Evidence[] | null {
  const matches = matchIdentity(compiled, person, role);
  for (let i = 0; i < matches.length; i++) {
    const { agent, signal } = matches[i]!;
    items = addEvidence(items, agent, "identity", signal.strength, `${role}: ${describeIdentityMatch(signal, person)}`);
  }
  return items;
}

function samePerson(a: PersonLike, b: PersonLike): boolean {
  return a.email === b.email && a.name === b.name && (a.login ?? null) === (b.login ?? null);
}

/**
 * Repeats the author's identity evidence for the committer when they are the same person.
 * Valid because every catalog identity counts alike for both roles (checked in compile.ts).
 */
function copyAuthorIdentity(items: Evidence[] | null): Evidence[] | null {
  if (items === null) return null;
  for (const item of [...items]) {
    if (item.kind === "identity" && item.matched.startsWith("author: ")) {
      items = addEvidence(items, item.agent, "identity", item.strength, `committer: ${item.matched.slice(8)}`);
    }
  }
  return items;
}

/** The message visitor, reused across calls: classifyCommit is synchronous and not re-entrant. */
const messageVisitor: LineVisitor & { compiled: CompiledCatalog | null; items: Evidence[] | null } = {
  compiled: null,
  items: null,
  visitLine(line) {
    if (this.compiled) this.items = classifyLine(this.compiled, line, this.items);
  },
};

const defaultCompiled = compileCatalog(catalog);

export function classifyCommit(commit: CommitInput, entries: readonly AgentEntry[] = catalog): CommitVerdict {
  const compiled = entries === catalog ? defaultCompiled : compileCatalog(entries);
  let items = classifyPerson(compiled, commit.author, "author", null);
  // Most commits are committed by their author: one lookup serves both roles then.
  items = samePerson(commit.author, commit.committer)
    ? copyAuthorIdentity(items)
    : classifyPerson(compiled, commit.committer, "committer", items);
  messageVisitor.compiled = compiled;
  messageVisitor.items = items;
  forEachCandidateLine(commit.message, compiled.messageLines, messageVisitor);
  items = messageVisitor.items;
  messageVisitor.items = null;
  const { agents, weakAgents, evidence } = verdictFields(items);
  return { sha: commit.sha, agents, weakAgents, evidence };
}
