// classifyCommit: one commit in, evidence out. Pure: no I/O, no clock.
import { catalog } from "../agents/catalog.js";
import { CO_AUTHOR_KEY, compileCatalog, type CompiledCatalog } from "../agents/compile.js";
import type { AgentEntry } from "../agents/entry.js";
import { EvidenceCollector } from "./evidence.js";
import { describeIdentityMatch, matchIdentity, type PersonLike } from "./identity.js";
import { forEachCandidateLine, type FoundLine, type LineVisitor } from "./lines.js";
import { matchMarkers } from "./markers.js";
import type { CommitInput, CommitVerdict } from "./types.js";

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

/** Reads one candidate line of a commit message: a trailer, an agent-owned trailer key or a marker. */
function classifyLine(compiled: CompiledCatalog, line: FoundLine, out: EvidenceCollector): void {
  const trailer = splitTrailer(line.text);
  if (trailer?.key === CO_AUTHOR_KEY) {
    const person = parseNameAndEmail(trailer.value);
    if (!person) return;
    for (const { agent, signal } of matchIdentity(compiled, person, "co-author")) {
      out.add(agent, "trailer", signal.strength, line.text.trim());
    }
    return;
  }
  const ownedKey = trailer ? compiled.trailerKeys.get(trailer.key) : undefined;
  if (ownedKey && trailer && trailer.value.length > 0) {
    out.add(ownedKey.agent, "trailer", ownedKey.signal.strength, line.text.trim());
    return;
  }
  for (const { agent, signal } of matchMarkers(compiled.markers, line)) {
    out.add(agent, "marker", signal.strength, line.text.trim());
  }
}

function classifyPerson(
  compiled: CompiledCatalog,
  person: PersonLike,
  role: "author" | "committer",
  out: EvidenceCollector,
): void {
  for (const { agent, signal } of matchIdentity(compiled, person, role)) {
    out.add(agent, "identity", signal.strength, `${role}: ${describeIdentityMatch(signal, person)}`);
  }
}

function samePerson(a: PersonLike, b: PersonLike): boolean {
  return a.email === b.email && a.name === b.name && (a.login ?? null) === (b.login ?? null);
}

class MessageVisitor implements LineVisitor {
  constructor(
    private readonly compiled: CompiledCatalog,
    private readonly out: EvidenceCollector,
  ) {}

  visitLine(line: FoundLine): void {
    classifyLine(this.compiled, line, this.out);
  }
}

const defaultCompiled = compileCatalog(catalog);

export function classifyCommit(commit: CommitInput, entries: readonly AgentEntry[] = catalog): CommitVerdict {
  const compiled = entries === catalog ? defaultCompiled : compileCatalog(entries);
  const out = new EvidenceCollector();
  classifyPerson(compiled, commit.author, "author", out);
  // Most commits are committed by their author: one lookup serves both roles then.
  if (samePerson(commit.author, commit.committer)) out.copyIdentity("author", "committer");
  else classifyPerson(compiled, commit.committer, "committer", out);
  forEachCandidateLine(commit.message, compiled.messageLines, new MessageVisitor(compiled, out));
  return { sha: commit.sha, ...out.agents(), evidence: out.evidence };
}
