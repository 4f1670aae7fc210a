// Compiles the declarative catalog into lookup tables the detector can run in linear time:
// identities become hash lookups, markers share one pre-filter pass, paths become maps keyed
// by name or first folder. Built once per entries array (compileCatalog is memoised by its
// input); compileCatalogAfresh builds one of its own, for a classifier that shares no slots.
import type { AgentEntry, ConfigPathSignal, IdentityRole, IdentitySignal, MarkerSignal } from "./entry.js";
import type { Strength } from "../detect/types.js";
import { RecentPeople, type PersonEvidence } from "../detect/person-evidence.js";
import { RememberedLines } from "../detect/remembered-lines.js";
import { buildLineStartTable, type LineStartTable } from "../detect/lines.js";
import { buildSuffixTrie, type SuffixEntry, type SuffixTrie } from "./suffix-trie.js";

export interface Tagged<T> {
  agent: string;
  signal: T;
}

export interface CompiledPathSignal {
  agent: string;
  strength: Strength;
  /** The catalog path, for messages ("CLAUDE.md", ".cursor/rules/"). */
  pattern: string;
  fileSuffix?: string;
}

/** A trailer key a message line may start with: the co-author key (owner null) or one an agent owns. */
export interface LineTrailerKey {
  key: string;
  owner: Tagged<{ strength: Strength; key: string }> | null;
}

/**
 * What a message line starting with a given needle can be: the trailer keys and the markers
 * whose needle begins it. Worked out once per catalog, so a candidate line costs one lookup.
 */
export interface MessageLineRule {
  trailerKeys: LineTrailerKey[];
  markers: Tagged<MarkerSignal>[];
}

/**
 * Every address, domain and login the catalog knows, as tries read from the end: a person
 * whose address and login end otherwise (and whose name ends with no agent's suffix) cannot be
 * an agent, which the detector learns without hashing a single string.
 */
export interface IdentityTails {
  emails: SuffixTrie;
  logins: SuffixTrie;
  /** Some identity matches a co-author by name alone (then every co-author address is looked up). */
  coAuthorByName: boolean;
}

export const GITHUB_NOREPLY_SUFFIX = "@users.noreply.github.com";
export interface CompiledCatalog {
  entries: readonly AgentEntry[];
  byEmail: Map<string, Tagged<IdentitySignal>[]>;
  byEmailDomain: Map<string, Tagged<IdentitySignal>[]>;
  byLogin: Map<string, Tagged<IdentitySignal>[]>;
  byUserId: Map<number, Tagged<IdentitySignal>[]>;
  byNameSuffix: (Tagged<IdentitySignal> & { suffixLower: string })[];
  markers: Tagged<MarkerSignal>[];
  /** Lower-cased trailer key → the agent that owns it. */
  trailerKeys: Map<string, Tagged<{ strength: Strength; key: string }>>;
  /** Line-initial needles: one pass over a message finds every line worth a closer look. */
  messageLines: LineStartTable;
  /** Lower-cased needle → what a line starting with it can be. */
  messageRules: Map<string, MessageLineRule>;
  prAuthors: Map<string, Tagged<{ strength: Strength; login: string }>[]>;
  prBranchPrefixes: Tagged<{ strength: Strength; prefix: string }>[];
  prBodyMarkers: Tagged<MarkerSignal>[];
  prBodyLines: LineStartTable;
  /** Exact root paths ("CLAUDE.md", ".github/copilot-instructions.md"). */
  rootPaths: Map<string, CompiledPathSignal[]>;
  /** Relative paths that count in any folder, keyed by their last segment. */
  anyDepthNames: Map<string, { relative: string; signal: CompiledPathSignal }[]>;
  /** Folder prefixes (".cursor/rules/"), keyed by their first segment. */
  folderPrefixes: Map<string, { prefix: string; signal: CompiledPathSignal }[]>;
  identityTails: IdentityTails;
  /** The detector's memo of address → candidate identities (src/detect/identity.ts). */
  addressCache: Map<string, readonly Tagged<IdentitySignal>[]>;
  /** The detector's memo of address → name (and login) → identity evidence (src/detect/person-evidence.ts). */
  personMemo: Map<string, Map<string, PersonEvidence>>;
  /** The detector's slots of people recently read, with their evidence (src/detect/person-evidence.ts). */
  recentPeople: RecentPeople;
  /** The detector's slots of candidate message lines and their evidence (src/detect/remembered-lines.ts). */
  rememberedLines: RememberedLines;
}

const CO_AUTHOR_KEY = "co-authored-by";

export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase().replace(/\[bot\]$/, "");
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compileIdentity(catalog: CompiledCatalog, agent: string, signal: IdentitySignal): void {
  const tagged = { agent, signal };
  const set = [signal.email, signal.emailDomain, signal.githubLogin, signal.githubUserId, signal.nameSuffix].filter(
    (field) => field !== undefined,
  );
  if (set.length !== 1) throw new Error(`catalog: ${agent} identity must set exactly one match field`);
  // The detector reads a commit's author once when the committer is the same person, which
  // needs every identity to count alike for both roles.
  if (signal.roles && signal.roles.includes("author") !== signal.roles.includes("committer")) {
    throw new Error(`catalog: ${agent} identity must allow both author and committer, or neither`);
  }
  if (signal.email) push(catalog.byEmail, signal.email.toLowerCase(), tagged);
  if (signal.emailDomain) push(catalog.byEmailDomain, signal.emailDomain.toLowerCase(), tagged);
  if (signal.githubLogin) push(catalog.byLogin, normalizeLogin(signal.githubLogin), tagged);
  if (signal.githubUserId !== undefined) push(catalog.byUserId, signal.githubUserId, tagged);
  if (signal.nameSuffix) catalog.byNameSuffix.push({ ...tagged, suffixLower: signal.nameSuffix.toLowerCase() });
}

function compilePath(catalog: CompiledCatalog, agent: string, signal: ConfigPathSignal): void {
  const compiled: CompiledPathSignal = {
    agent,
    strength: signal.strength,
    pattern: signal.path,
    ...(signal.fileSuffix ? { fileSuffix: signal.fileSuffix } : {}),
  };
  if (signal.fileSuffix && !signal.path.endsWith("/")) throw new Error(`catalog: ${agent} fileSuffix needs a folder`);
  if (signal.path.endsWith("/")) {
    const first = signal.path.split("/")[0] ?? signal.path;
    if (signal.anyDepth) throw new Error(`catalog: ${agent} folder paths cannot be anyDepth`);
    push(catalog.folderPrefixes, first, { prefix: signal.path, signal: compiled });
  } else if (signal.anyDepth) {
    const last = signal.path.split("/").pop() ?? signal.path;
    push(catalog.anyDepthNames, last, { relative: signal.path, signal: compiled });
  } else {
    push(catalog.rootPaths, signal.path, compiled);
  }
}

/** The mark a walk reports when an address ends with GitHub's noreply suffix (but no known login). */
export const NOREPLY_MARK = 1;

function compileIdentityTails(catalog: CompiledCatalog): IdentityTails {
  const complete = (text: string): SuffixEntry => ({ text, complete: true });
  // Any address at a domain ends with the domain; a GitHub account's noreply address with
  // "login@users.noreply.github.com" (after "ID+", or "[bot]" before "@").
  const logins = [...catalog.byLogin.keys()];
  const emails = [
    ...[...catalog.byEmail.keys(), ...catalog.byEmailDomain.keys()].map(complete),
    ...logins.flatMap((login) => [complete(`${login}${GITHUB_NOREPLY_SUFFIX}`), complete(`${login}[bot]${GITHUB_NOREPLY_SUFFIX}`)]),
    // Account ids ("ID+anyone@…") are checked apart: the walk only notes the suffix.
    { text: GITHUB_NOREPLY_SUFFIX, complete: false, mark: NOREPLY_MARK },
  ];
  const coAuthorByName = catalog.byNameSuffix.some(({ signal }) => roleAllowed(signal, "co-author"));
  return { emails: buildSuffixTrie(emails), logins: buildSuffixTrie(logins.map(complete)), coAuthorByName };
}

function compileMessageRules(catalog: CompiledCatalog): Map<string, MessageLineRule> {
  const keys: LineTrailerKey[] = [
    { key: CO_AUTHOR_KEY, owner: null },
    ...[...catalog.trailerKeys].map(([key, owner]) => ({ key, owner })),
  ];
  const needles = [...keys.map(({ key }) => key), ...catalog.markers.map(({ signal }) => signal.needle.toLowerCase())];
  const rules = new Map<string, MessageLineRule>();
  // A needle may begin with a shorter one (a key, or another marker's needle): its rule holds both.
  for (const needle of needles) {
    rules.set(needle, {
      trailerKeys: keys.filter(({ key }) => needle.startsWith(key)),
      markers: catalog.markers.filter(({ signal }) => needle.startsWith(signal.needle.toLowerCase())),
    });
  }
  return rules;
}

const compiledCache = new WeakMap<readonly AgentEntry[], CompiledCatalog>();

/** The catalog compiled once per entries array: every caller shares its tables and its slots. */
export function compileCatalog(entries: readonly AgentEntry[]): CompiledCatalog {
  const cached = compiledCache.get(entries);
  if (cached) return cached;
  const catalog = compileCatalogAfresh(entries);
  compiledCache.set(entries, catalog);
  return catalog;
}

/** A compiled catalog of its own, shared with no one: its slots of people and lines start empty. */
export function compileCatalogAfresh(entries: readonly AgentEntry[]): CompiledCatalog {
  const ids = new Set<string>();
  const catalog: CompiledCatalog = {
    entries,
    byEmail: new Map(),
    byEmailDomain: new Map(),
    byLogin: new Map(),
    byUserId: new Map(),
    byNameSuffix: [],
    markers: [],
    trailerKeys: new Map(),
    messageLines: buildLineStartTable([]),
    messageRules: new Map(),
    prAuthors: new Map(),
    prBranchPrefixes: [],
    prBodyMarkers: [],
    prBodyLines: buildLineStartTable([]),
    rootPaths: new Map(),
    anyDepthNames: new Map(),
    folderPrefixes: new Map(),
    addressCache: new Map(),
    personMemo: new Map(),
    // Slot counts are powers of two: the detector picks a slot with a mask.
    recentPeople: new RecentPeople(1024),
    rememberedLines: new RememberedLines(4096),
    identityTails: { emails: buildSuffixTrie([]), logins: buildSuffixTrie([]), coAuthorByName: false },
  };
  for (const entry of entries) {
    if (ids.has(entry.id)) throw new Error(`catalog: duplicate agent id ${entry.id}`);
    ids.add(entry.id);
    for (const signal of entry.identities ?? []) compileIdentity(catalog, entry.id, signal);
    for (const signal of entry.markers ?? []) {
      // The detector tests a marker only on lines that start with its needle.
      if (!signal.line.source.startsWith("^")) throw new Error(`catalog: ${entry.id} marker pattern must start with ^`);
      catalog.markers.push({ agent: entry.id, signal });
      // A commit marker is also the agent's marker in a pull-request body.
      if (!signal.firstLineOnly) catalog.prBodyMarkers.push({ agent: entry.id, signal });
    }
    for (const signal of entry.trailerKeys ?? []) {
      if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(signal.key)) throw new Error(`catalog: ${entry.id} trailer key must be a token: ${signal.key}`);
      catalog.trailerKeys.set(signal.key.toLowerCase(), { agent: entry.id, signal });
    }
    for (const author of entry.pullRequests?.authorLogins ?? []) {
      push(catalog.prAuthors, normalizeLogin(author.login), { agent: entry.id, signal: author });
    }
    for (const branch of entry.pullRequests?.branchPrefixes ?? []) {
      catalog.prBranchPrefixes.push({ agent: entry.id, signal: { ...branch, prefix: branch.prefix.toLowerCase() } });
    }
    for (const signal of entry.pullRequests?.bodyMarkers ?? []) catalog.prBodyMarkers.push({ agent: entry.id, signal });
    for (const signal of entry.configPaths ?? []) compilePath(catalog, entry.id, signal);
  }
  const messageNeedles = [CO_AUTHOR_KEY, ...catalog.trailerKeys.keys(), ...catalog.markers.map((m) => m.signal.needle)];
  catalog.messageLines = buildLineStartTable(messageNeedles);
  catalog.messageRules = compileMessageRules(catalog);
  catalog.identityTails = compileIdentityTails(catalog);
  catalog.prBodyLines = buildLineStartTable(catalog.prBodyMarkers.map((m) => m.signal.needle));
  return catalog;
}

export function roleAllowed(signal: IdentitySignal, role: IdentityRole): boolean {
  return !signal.roles || signal.roles.includes(role);
}

export { CO_AUTHOR_KEY };
