// classifyCommit: one commit in, evidence out. Pure: no I/O, no clock.
//
// This is the crawler's hot path (millions of commits), so it is written to allocate nothing
// but the verdict for a commit whose message holds no evidence: each person's identity
// evidence, and the verdicts it alone makes, are remembered (person-evidence.ts), and the
// message is scanned once, line start to line start, looking closer only at candidate lines.
import { catalog } from "../agents/catalog.js";
import { compileCatalog, compileCatalogAfresh, type CompiledCatalog } from "../agents/compile.js";
import type { AgentEntry } from "../agents/entry.js";
import { addEvidence, addEvidenceItem, NO_AGENTS, NO_EVIDENCE, verdictFields, type VerdictFields } from "./evidence.js";
import { lastIndexBetween, matchIdentity, mayMatchCoAuthor, type PersonLike } from "./identity.js";
import { forEachCandidateLine, lineText, type FoundLine, type LineVisitor } from "./lines.js";
import { matchMarkers } from "./markers.js";
import { recallLine, rememberLine, type RememberedLine } from "./remembered-lines.js";
import { mergeEvidence, NOBODY, personEvidence, type PersonEvidence } from "./person-evidence.js";
import type { CommitInput, CommitVerdict, Evidence } from "./types.js";

/** "Name <email>" of a trailer value; null when the value has no address. */
export function parseNameAndEmail(value: string): PersonLike | null {
  const open = value.lastIndexOf("<");
  const close = value.lastIndexOf(">");
  if (open < 0 || close < open) return null;
  return { name: value.slice(0, open).trim(), email: value.slice(open + 1, close).trim() };
}

/** JavaScript's \s (what trim() removes), without building a string. */
function isWhitespace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * The index of the ":" that ends trailer key `key` at the line's needle, or -1 when the line is
 * no such trailer: only whitespace may stand before the key, only whitespace between it and ":".
 */
function trailerColon(line: FoundLine, key: string): number {
  const { source, start, end, needleAt } = line;
  for (let i = start; i < needleAt; i++) if (!isWhitespace(source.charCodeAt(i))) return -1;
  let colon = needleAt + key.length;
  while (colon < end && isWhitespace(source.charCodeAt(colon))) colon++;
  // A trailer key is short: a "key" running past 64 characters is prose.
  return colon < end && colon - needleAt <= 64 && source.charCodeAt(colon) === 0x3a ? colon : -1;
}

function hasTextAfter(line: FoundLine, index: number): boolean {
  for (let i = index; i < line.end; i++) if (!isWhitespace(line.source.charCodeAt(i))) return true;
  return false;
}

/** A co-author trailer's evidence: the agents its "Name <email>" belongs to. */
function classifyCoAuthor(compiled: CompiledCatalog, line: FoundLine, colon: number): Evidence[] | null {
  const { source, end } = line;
  // Most co-authors are people: dismissed in place, before any string is built.
  if (!mayMatchCoAuthor(compiled, source, colon + 1, end)) return null;
  // parseNameAndEmail on the value, in place.
  const open = lastIndexBetween(source, 0x3c, colon + 1, end);
  if (open < 0) return null;
  const close = lastIndexBetween(source, 0x3e, open + 1, end);
  if (close < 0) return null;
  const person = { name: source.slice(colon + 1, open).trim(), email: source.slice(open + 1, close).trim() };
  let items: Evidence[] | null = null;
  for (const { agent, signal } of matchIdentity(compiled, person, "co-author")) {
    items = addEvidence(items, agent, "trailer", signal.strength, lineText(line).trim());
  }
  return items;
}

/**
 * A candidate line's evidence is remembered with the line once read (agents repeat their lines,
 * people co-author again and again): a line the scan offers is first looked up (knownLine),
 * before its needle is even read, and read only when new (visitLine). A line without evidence
 * is remembered too: a person's co-author trailer costs a comparison instead of a reading.
 * While one line alone holds evidence, no list is built: its remembered verdict may serve.
 */
function knownLine(compiled: CompiledCatalog, line: FoundLine, found: MessageEvidence): boolean {
  const remembered = recallLine(compiled.rememberedLines, line);
  if (remembered === null) return false;
  // The same line again adds nothing: its items would all be dropped as repeats.
  if (remembered.items.length !== 0 && remembered !== found.sole) addLineEvidence(found, remembered);
  return true;
}

function readNewLine(compiled: CompiledCatalog, line: FoundLine, found: MessageEvidence): void {
  const remembered = rememberLine(compiled.rememberedLines, line, readLine(compiled, line) ?? NO_EVIDENCE);
  if (remembered.items.length !== 0 && remembered !== found.sole) addLineEvidence(found, remembered);
}

function addLineEvidence(found: MessageEvidence, remembered: RememberedLine): void {
  if (found.items === null && found.sole === null) {
    found.sole = remembered;
    return;
  }
  let items = found.items;
  if (found.sole !== null) {
    for (const item of found.sole.items) items = addEvidenceItem(items, item);
    found.sole = null;
  }
  for (const item of remembered.items) items = addEvidenceItem(items, item);
  found.items = items;
}

/** Reads one candidate line of a commit message: a co-author trailer, an agent-owned trailer key, or a marker. */
function readLine(compiled: CompiledCatalog, line: FoundLine): Evidence[] | null {
  const rule = compiled.messageRules.get(line.needle);
  if (rule === undefined) return null;
  for (const { key, owner } of rule.trailerKeys) {
    const colon = trailerColon(line, key);
    if (colon < 0) continue;
    if (owner === null) return classifyCoAuthor(compiled, line, colon);
    if (hasTextAfter(line, colon + 1)) return addEvidence(null, owner.agent, "trailer", owner.signal.strength, lineText(line).trim());
  }
  if (rule.markers.length === 0) return null;
  let items: Evidence[] | null = null;
  for (const { agent, signal } of matchMarkers(rule.markers, line)) {
    items = addEvidence(items, agent, "marker", signal.strength, lineText(line).trim());
  }
  return items;
}

function samePerson(a: PersonLike, b: PersonLike): boolean {
  return a.email === b.email && a.name === b.name && (a.login ?? null) === (b.login ?? null);
}

/** A message's evidence: one remembered line's (sole), or a list once a second line has some. */
interface MessageEvidence {
  items: Evidence[] | null;
  sole: RememberedLine | null;
}

/** The message visitor, reused across calls: classifyCommit is synchronous and not re-entrant. */
const messageVisitor: LineVisitor & MessageEvidence & { compiled: CompiledCatalog | null } = {
  compiled: null,
  items: null,
  sole: null,
  knownLine(line) {
    return this.compiled !== null && knownLine(this.compiled, line, this);
  },
  visitLine(line) {
    if (this.compiled) readNewLine(this.compiled, line, this);
  },
};

const defaultCompiled = compileCatalog(catalog);

/** The verdict's fields when only the people carry evidence (remembered per person); null for two nobodies. */
function identityVerdict(author: PersonEvidence, committer: PersonEvidence, same: boolean): VerdictFields | null {
  if (same) return author.asBoth;
  if (committer === NOBODY) return author.asAuthorOnly;
  if (author === NOBODY) return committer.asCommitterOnly;
  return verdictFields(mergeEvidence(author.author, committer.committer, null));
}

export function classifyCommit(commit: CommitInput, entries: readonly AgentEntry[] = catalog): CommitVerdict {
  return classifyWith(entries === catalog ? defaultCompiled : compileCatalog(entries), commit);
}

/** A classifier, and the compiled catalog it alone uses (its slots included: tests look at them). */
export type CommitClassifier = ((commit: CommitInput) => CommitVerdict) & { readonly compiled: CompiledCatalog };

/**
 * A classifier with its own compiled catalog, and so its own recent people and remembered lines,
 * empty at first: for a catalog other than the default one (compiled once per classifier, not
 * per commit), and for the benchmark's cold passes (slots that start empty, as on a crawl's
 * first repository).
 */
export function commitClassifier(entries: readonly AgentEntry[] = catalog): CommitClassifier {
  const compiled = compileCatalogAfresh(entries);
  return Object.assign((commit: CommitInput) => classifyWith(compiled, commit), { compiled });
}

function classifyWith(compiled: CompiledCatalog, commit: CommitInput): CommitVerdict {
  // The message first, the people last. A commit's objects lie apart in memory, and when a
  // crawl's commits are not in the CPU's cache the first read of each is a wait: a profile put
  // a third of this function's time on the author's address, read first. Read after the scan,
  // the people cost less (the benchmark's catalog pass: 5-10% faster; asking for all five
  // strings together up front gained nothing more).
  messageVisitor.compiled = compiled;
  messageVisitor.items = null;
  messageVisitor.sole = null;
  forEachCandidateLine(commit.message, compiled.messageLines, messageVisitor);
  // (The scan set these: TypeScript cannot see it through the visitor.)
  const items = messageVisitor.items as Evidence[] | null;
  const sole = messageVisitor.sole as RememberedLine | null;
  // Let go of the catalog too: the visitor outlives every classifier, and a dropped one's
  // slots (up to 4,096 lines) would otherwise stay alive with it.
  messageVisitor.compiled = null;
  messageVisitor.items = null;
  messageVisitor.sole = null;
  const author = personEvidence(compiled, commit.author);
  // Most commits are committed by their author: one lookup serves both roles then.
  const same = samePerson(commit.author, commit.committer);
  const committer = same ? author : personEvidence(compiled, commit.committer);
  if (items === null && sole === null) {
    const fields = identityVerdict(author, committer, same);
    if (fields === null) return { sha: commit.sha, agents: NO_AGENTS, weakAgents: NO_AGENTS, evidence: NO_EVIDENCE };
    return { sha: commit.sha, agents: fields.agents, weakAgents: fields.weakAgents, evidence: fields.evidence };
  }
  // An agent's one line, in a commit of people without evidence: the line's remembered verdict.
  if (sole?.verdict && author === NOBODY && committer === NOBODY) {
    return { sha: commit.sha, agents: sole.verdict.agents, weakAgents: sole.verdict.weakAgents, evidence: sole.verdict.evidence };
  }
  const { agents, weakAgents, evidence } = verdictFields(mergeEvidence(author.author, committer.committer, items ?? sole?.items ?? null));
  return { sha: commit.sha, agents, weakAgents, evidence };
}
