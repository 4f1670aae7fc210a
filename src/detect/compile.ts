// Compiles the declarative catalog (src/agents/) into lookup tables: identities become maps keyed by address,
// domain, login and account id; trailer keys a map; markers and links one combined pattern each,
// so a line or a message is tested once before any single signal is; config paths maps keyed by
// a path segment. Pure data in, data out: the detector (src/detect/) runs the tables.
import type {
  AgentEntry,
  ConfigPathSignal,
  IdentitySignal,
  LinkSignal,
  MarkerSignal,
  Strength,
  ToolNameSignal,
  TrailerSignal,
} from "../agents/entry.js";

/** A signal with the agent it belongs to and its stable id (`agent/kind/key`). */
export interface Compiled<S> {
  agent: string;
  id: string;
  signal: S;
}

export interface CompiledPathSignal {
  agent: string;
  id: string;
  strength: Strength;
  /** The folder or file as the catalog writes it (".cursor/", "CLAUDE.md"). */
  path: string;
  anyDepth: boolean;
  fileSuffix?: string;
}

export interface CompiledCatalog {
  entries: readonly AgentEntry[];
  byEmail: Map<string, Compiled<IdentitySignal>[]>;
  byEmailDomain: Map<string, Compiled<IdentitySignal>[]>;
  byLogin: Map<string, Compiled<IdentitySignal>[]>;
  byUserId: Map<number, Compiled<IdentitySignal>[]>;
  byNameSuffix: Compiled<IdentitySignal>[];
  /** Lower-cased trailer key → the agents' signals on it. */
  trailers: Map<string, Compiled<TrailerSignal>[]>;
  toolNames: Compiled<ToolNameSignal>[];
  /** Markers for any line (tested after decoration is stripped), and their union as a pre-test. */
  markers: Compiled<MarkerSignal>[];
  anyMarker: RegExp;
  /** Markers of the message's first line only (tested unstripped). */
  firstLineMarkers: Compiled<MarkerSignal>[];
  links: Compiled<LinkSignal>[];
  /** Every link family after "http(s)://", global: one pass finds every candidate URL. */
  anyLink: RegExp;
  prAuthors: Map<string, Compiled<{ strength: Strength; login: string }>[]>;
  prBranchPrefixes: Compiled<{ strength: Strength; prefix: string }>[];
  prBodyMarkers: Compiled<MarkerSignal>[];
  anyPrBodyMarker: RegExp;
  /** Exact file paths, keyed by their last segment (with `anyDepth` also below any folder). */
  files: Map<string, CompiledPathSignal[]>;
  /** Folders (everything inside), keyed by their first segment. */
  folders: Map<string, CompiledPathSignal[]>;
}

export const GITHUB_NOREPLY_SUFFIX = "@users.noreply.github.com";

/** A login as GitHub's APIs and noreply addresses spell it, without "[bot]", lower-cased. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase().replace(/\[bot\]$/, "");
}

/** The stable id of an identity: its match field, spelled out. */
function identityKey(signal: IdentitySignal): string {
  if (signal.email !== undefined) return signal.email.toLowerCase();
  if (signal.emailDomain !== undefined) return `domain:${signal.emailDomain.toLowerCase()}`;
  if (signal.githubLogin !== undefined) return `login:${signal.githubLogin.toLowerCase()}`;
  if (signal.githubUserId !== undefined) return `user-id:${signal.githubUserId}`;
  return `name-suffix:${(signal.nameSuffix ?? "").trim().toLowerCase()}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** One pattern that matches where any of `patterns` does (each anchored with "^", or none is). */
function union(patterns: readonly RegExp[], anchored: boolean, flags: string): RegExp {
  if (patterns.length === 0) return /(?!)/;
  const sources = patterns.map((pattern) => (anchored ? pattern.source.slice(1) : pattern.source));
  return new RegExp(`${anchored ? "^" : ""}(?:${sources.join("|")})`, flags);
}

function checkPattern(agent: string, what: string, pattern: RegExp, anchored: boolean): void {
  if (anchored !== pattern.source.startsWith("^")) {
    throw new Error(`catalog: ${agent} ${what} pattern ${anchored ? "must" : "must not"} start with ^: ${pattern}`);
  }
  // A nested quantifier ("(a+)*") can backtrack exponentially on hostile text.
  if (/\([^)]*[*+][^)]*\)[*+{]/.test(pattern.source)) {
    throw new Error(`catalog: ${agent} ${what} pattern has a nested quantifier: ${pattern}`);
  }
  if (pattern.global || pattern.sticky) throw new Error(`catalog: ${agent} ${what} pattern must not be global or sticky`);
}

function compileIdentity(catalog: CompiledCatalog, agent: string, signal: IdentitySignal): Compiled<IdentitySignal> {
  const fields = [signal.email, signal.emailDomain, signal.githubLogin, signal.githubUserId, signal.nameSuffix];
  if (fields.filter((field) => field !== undefined).length !== 1) {
    throw new Error(`catalog: ${agent} identity must set exactly one match field`);
  }
  const compiled = { agent, id: `${agent}/identity/${identityKey(signal)}`, signal };
  if (signal.email) push(catalog.byEmail, signal.email.toLowerCase(), compiled);
  if (signal.emailDomain) push(catalog.byEmailDomain, signal.emailDomain.toLowerCase(), compiled);
  if (signal.githubLogin) push(catalog.byLogin, normalizeLogin(signal.githubLogin), compiled);
  if (signal.githubUserId !== undefined) push(catalog.byUserId, signal.githubUserId, compiled);
  if (signal.nameSuffix) catalog.byNameSuffix.push(compiled);
  return compiled;
}

function compilePath(catalog: CompiledCatalog, agent: string, signal: ConfigPathSignal): CompiledPathSignal {
  const folder = signal.path.endsWith("/");
  if (signal.fileSuffix && !folder) throw new Error(`catalog: ${agent} fileSuffix needs a folder: ${signal.path}`);
  const compiled: CompiledPathSignal = {
    agent,
    id: `${agent}/config/${signal.path}${signal.fileSuffix ? `*${signal.fileSuffix}` : ""}`,
    strength: signal.strength,
    path: signal.path,
    anyDepth: signal.anyDepth ?? false,
    ...(signal.fileSuffix ? { fileSuffix: signal.fileSuffix } : {}),
  };
  const segments = signal.path.split("/").filter(Boolean);
  if (folder) push(catalog.folders, segments[0]!, compiled);
  else push(catalog.files, segments.at(-1)!, compiled);
  return compiled;
}

function compileEntry(catalog: CompiledCatalog, entry: AgentEntry, ids: Set<string>): void {
  const agent = entry.id;
  const claim = (id: string): string => {
    if (ids.has(id)) throw new Error(`catalog: duplicate signal id ${id}`);
    ids.add(id);
    return id;
  };
  for (const signal of entry.identities ?? []) claim(compileIdentity(catalog, agent, signal).id);
  for (const signal of entry.trailers ?? []) {
    if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(signal.key)) throw new Error(`catalog: ${agent} trailer key must be a token: ${signal.key}`);
    if (signal.value) checkPattern(agent, "trailer value", signal.value, true);
    const key = signal.key.toLowerCase();
    push(catalog.trailers, key, { agent, id: claim(`${agent}/trailer/${key}`), signal });
  }
  for (const signal of entry.toolNames ?? []) {
    checkPattern(agent, "tool name", signal.value, true);
    catalog.toolNames.push({ agent, id: claim(`${agent}/tool/${signal.id}`), signal });
  }
  for (const signal of entry.markers ?? []) {
    checkPattern(agent, "marker", signal.line, true);
    const compiled = { agent, id: claim(`${agent}/marker/${signal.id}`), signal };
    if (signal.firstLineOnly) catalog.firstLineMarkers.push(compiled);
    else catalog.markers.push(compiled);
  }
  for (const signal of entry.links ?? []) {
    checkPattern(agent, "link", signal.url, false);
    // Hosts are case-insensitive, and the union that finds candidate links is too.
    if (!signal.url.flags.includes("i")) throw new Error(`catalog: ${agent} link pattern needs the i flag: ${signal.url}`);
    catalog.links.push({ agent, id: claim(`${agent}/link/${signal.id}`), signal });
  }
  for (const author of entry.pullRequests?.authorLogins ?? []) {
    const login = normalizeLogin(author.login);
    push(catalog.prAuthors, login, { agent, id: claim(`${agent}/pr-author/${login}`), signal: author });
  }
  for (const branch of entry.pullRequests?.branchPrefixes ?? []) {
    const prefix = branch.prefix.toLowerCase();
    catalog.prBranchPrefixes.push({ agent, id: claim(`${agent}/pr-branch/${prefix}`), signal: { ...branch, prefix } });
  }
  for (const signal of entry.pullRequests?.bodyMarkers ?? []) {
    checkPattern(agent, "pull-request body marker", signal.line, true);
    catalog.prBodyMarkers.push({ agent, id: claim(`${agent}/pr-body/${signal.id}`), signal });
  }
  for (const signal of entry.configPaths ?? []) claim(compilePath(catalog, agent, signal).id);
}

/** Compiles a catalog; throws on an entry the detector could not run safely or identify. */
export function compileCatalog(entries: readonly AgentEntry[]): CompiledCatalog {
  const catalog: CompiledCatalog = {
    entries,
    byEmail: new Map(),
    byEmailDomain: new Map(),
    byLogin: new Map(),
    byUserId: new Map(),
    byNameSuffix: [],
    trailers: new Map(),
    toolNames: [],
    markers: [],
    anyMarker: /(?!)/,
    firstLineMarkers: [],
    links: [],
    anyLink: /(?!)/g,
    prAuthors: new Map(),
    prBranchPrefixes: [],
    prBodyMarkers: [],
    anyPrBodyMarker: /(?!)/,
    files: new Map(),
    folders: new Map(),
  };
  const agents = new Set<string>();
  const ids = new Set<string>();
  for (const entry of entries) {
    if (agents.has(entry.id)) throw new Error(`catalog: duplicate agent id ${entry.id}`);
    agents.add(entry.id);
    compileEntry(catalog, entry, ids);
  }
  catalog.anyMarker = union(catalog.markers.map((m) => m.signal.line), true, "i");
  catalog.anyLink = new RegExp(`\\bhttps?://(?:www\\.)?(?:${catalog.links.map((l) => l.signal.url.source).join("|") || "(?!)"})`, "gi");
  // A commit's markers are the agent's markers in a pull-request body too.
  catalog.prBodyMarkers.push(...catalog.markers);
  catalog.anyPrBodyMarker = union(catalog.prBodyMarkers.map((m) => m.signal.line), true, "i");
  return catalog;
}
