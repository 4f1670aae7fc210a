// The identity evidence of one person (a commit's author or committer), remembered per person.
//
// A repository's history holds a few hundred people for thousands of commits, and most of them
// are not agents. Remembering each person's evidence turns the hot path into one or two map
// lookups, and an agent's commits whose messages add nothing share one frozen verdict.
import type { CompiledCatalog } from "../agents/compile.js";
import type { IdentityRole } from "../agents/entry.js";
import { addEvidence, addEvidenceItem, verdictFields, type VerdictFields } from "./evidence.js";
import { describeIdentityMatch, matchIdentity, mayMatchIdentity, type PersonLike } from "./identity.js";
import type { Evidence } from "./types.js";

export interface PersonEvidence {
  /** The evidence when this person is the commit's author, and when the committer. */
  readonly author: readonly Evidence[] | null;
  readonly committer: readonly Evidence[] | null;
  /** The verdict of a commit with no other evidence: authored and committed by this person. */
  readonly asBoth: VerdictFields | null;
  /** … authored by this person, committed by someone without evidence. */
  readonly asAuthorOnly: VerdictFields | null;
  /** … committed by this person, authored by someone without evidence. */
  readonly asCommitterOnly: VerdictFields | null;
}

export const NOBODY: PersonEvidence = Object.freeze({
  author: null,
  committer: null,
  asBoth: null,
  asAuthorOnly: null,
  asCommitterOnly: null,
});

// Bounded so a crawl over millions of people cannot grow the memo without limit, and so one
// address used with endless names (hostile input) cannot either. Hostile, overlong identities
// are looked up without being remembered.
const MAX_REMEMBERED_ADDRESSES = 50_000;
const MAX_NAMES_PER_ADDRESS = 64;
const MAX_REMEMBERED_LENGTH = 320;

function evidenceAs(compiled: CompiledCatalog, person: PersonLike, role: IdentityRole & ("author" | "committer")): readonly Evidence[] | null {
  const matches = matchIdentity(compiled, person, role);
  if (matches.length === 0) return null;
  let items: Evidence[] = [];
  for (const { agent, signal } of matches) {
    items = addEvidence(items, agent, "identity", signal.strength, `${role}: ${describeIdentityMatch(signal, person)}`);
  }
  return Object.freeze(items.map((item) => Object.freeze(item)));
}

/** Author evidence, then committer evidence (and then the message's), with repeats dropped. */
export function mergeEvidence(
  author: readonly Evidence[] | null,
  committer: readonly Evidence[] | null,
  message: readonly Evidence[] | null,
): Evidence[] | null {
  let items: Evidence[] | null = author === null ? null : author.slice();
  for (const item of committer ?? []) items = addEvidenceItem(items, item);
  for (const item of message ?? []) items = addEvidenceItem(items, item);
  return items;
}

/** verdictFields of items, frozen to be shared by every commit it is the verdict of; null for none. */
export function frozenVerdict(items: Evidence[] | null): VerdictFields | null {
  if (items === null) return null;
  const { agents, weakAgents, evidence } = verdictFields(items);
  return Object.freeze({ agents: Object.freeze(agents), weakAgents: Object.freeze(weakAgents), evidence: Object.freeze(evidence) }) as VerdictFields;
}

function findPersonEvidence(compiled: CompiledCatalog, person: PersonLike): PersonEvidence {
  const author = evidenceAs(compiled, person, "author");
  const committer = evidenceAs(compiled, person, "committer");
  if (author === null && committer === null) return NOBODY;
  return Object.freeze({
    author,
    committer,
    asBoth: frozenVerdict(mergeEvidence(author, committer, null)),
    asAuthorOnly: frozenVerdict(mergeEvidence(author, null, null)),
    asCommitterOnly: frozenVerdict(mergeEvidence(null, committer, null)),
  });
}

/**
 * People recently read, and their evidence, one slot per index across parallel arrays. Kept
 * apart rather than as one object per slot: a slot's address and name are then each one step
 * away, fetched together, instead of two steps behind the slot's object (when a crawl's commits
 * are not in the CPU's cache, each step is a wait). An empty slot holds the empty person, whose
 * evidence is NOBODY, as it would be read.
 */
export class RecentPeople {
  readonly emails: string[];
  readonly names: string[];
  readonly logins: string[];
  readonly evidence: PersonEvidence[];

  /** `size`: a power of two (a mask picks the slot). */
  constructor(size: number) {
    if (!(size > 0 && (size & (size - 1)) === 0)) throw new Error(`recent people: ${size} slots is not a power of two`);
    this.emails = new Array<string>(size).fill("");
    this.names = new Array<string>(size).fill("");
    this.logins = new Array<string>(size).fill("");
    this.evidence = new Array<PersonEvidence>(size).fill(NOBODY);
  }

  /** Whether a slot holds someone with this name (for tests: what is kept, and what is not). */
  holdsName(name: string): boolean {
    return this.names.includes(name);
  }
}

/**
 * A person's identity evidence. People recently read are kept in slots picked by the lengths
 * of their address and name and the first characters of both: GitHub's own committer
 * (noreply@github.com), a project's regular authors and an agent's own identity come back on
 * most commits, and comparing three short strings is cheaper than reading them again (or
 * hashing them for the memo). Slots are overwritten freely: a slot only ever holds a person's
 * own evidence. People who may be agents are also remembered by address and name.
 */
export function personEvidence(compiled: CompiledCatalog, person: PersonLike): PersonEvidence {
  const { email, name } = person;
  const login = person.login ?? "";
  const recent = compiled.recentPeople;
  // The name's length keeps one address's names apart ("Paul Gauthier" and "Paul Gauthier
  // (aider)"); the first characters sit beside the strings' lengths in memory (an empty
  // string's NaN masks to slot 0).
  const hash = email.length * 31 + email.charCodeAt(0) * 131 + email.charCodeAt(1) * 7 + name.length * 1009 + name.charCodeAt(0) * 17;
  const slot = hash & (recent.emails.length - 1);
  if (recent.emails[slot] === email && recent.names[slot] === name && recent.logins[slot] === login) return recent.evidence[slot]!;
  const evidence = mayMatchIdentity(compiled, person) ? rememberedPersonEvidence(compiled, person, login) : NOBODY;
  // A slot keeps its strings alive: overlong (hostile) identities are read every time instead.
  if (email.length + name.length + login.length <= MAX_REMEMBERED_LENGTH) {
    recent.emails[slot] = email;
    recent.names[slot] = name;
    recent.logins[slot] = login;
    recent.evidence[slot] = evidence;
  }
  return evidence;
}

function rememberedPersonEvidence(compiled: CompiledCatalog, person: PersonLike, login: string): PersonEvidence {
  const { email, name } = person;
  if (email.length + name.length + login.length > MAX_REMEMBERED_LENGTH) return findPersonEvidence(compiled, person);
  // Sources without logins (git, fixtures) key by name alone: no string is built per commit.
  const key = login === "" ? name : `${name}\u0000${login}`;
  const memo = compiled.personMemo;
  let byName = memo.get(email);
  const remembered = byName?.get(key);
  if (remembered !== undefined) return remembered;
  const found = findPersonEvidence(compiled, person);
  if (byName === undefined) {
    if (memo.size >= MAX_REMEMBERED_ADDRESSES) memo.clear();
    byName = new Map();
    memo.set(email, byName);
  }
  if (byName.size < MAX_NAMES_PER_ADDRESS) byName.set(key, found);
  return found;
}
