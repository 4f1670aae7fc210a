// Matches a person (author, committer or co-author) against the catalog's identities.
// Hot path: called twice per commit. It allocates nothing unless something matches.
import { GITHUB_NOREPLY_SUFFIX, NOREPLY_MARK, normalizeLogin, roleAllowed, type CompiledCatalog, type Tagged } from "../agents/compile.js";
import { MAYBE, walkSuffixes } from "../agents/suffix-trie.js";
import type { IdentityRole, IdentitySignal } from "../agents/entry.js";

const NONE: readonly Tagged<IdentitySignal>[] = Object.freeze([]);

export interface PersonLike {
  name: string;
  email: string;
  login?: string | null;
}

function nameAllowed(signal: IdentitySignal, name: string): boolean {
  return !signal.nameStartsWith || name.trim().toLowerCase().startsWith(signal.nameStartsWith.toLowerCase());
}

/** GitHub's noreply addresses: "ID+login@users.noreply.github.com" or the older "login@…". */
function parseNoreply(email: string): { id: number | null; login: string } {
  const local = email.slice(0, email.length - GITHUB_NOREPLY_SUFFIX.length);
  const plus = local.indexOf("+");
  if (plus < 0) return { id: null, login: local };
  const id = Number(local.slice(0, plus));
  return { id: Number.isSafeInteger(id) ? id : null, login: local.slice(plus + 1) };
}

function lastNonSpaceCode(text: string): number {
  let index = text.length - 1;
  while (index >= 0 && text.charCodeAt(index) <= 0x20) index--;
  return index < 0 ? -1 : text.charCodeAt(index);
}

/** Every catalog identity an address can match, before role and name filters. */
function candidatesForEmail(catalog: CompiledCatalog, rawEmail: string): readonly Tagged<IdentitySignal>[] {
  const email = rawEmail.trim().toLowerCase();
  let found: Tagged<IdentitySignal>[] | null = null;
  const exact = catalog.byEmail.get(email);
  if (exact) (found ??= []).push(...exact);
  for (const [domain, candidates] of catalog.byEmailDomain) {
    // The domain itself or any subdomain: "x@opencode.ai", "x@eu.opencode.ai".
    const at = email.length - domain.length - 1;
    if (at > 0 && email.endsWith(domain) && (email[at] === "@" || email[at] === ".")) (found ??= []).push(...candidates);
  }
  if (email.endsWith(GITHUB_NOREPLY_SUFFIX)) {
    const noreply = parseNoreply(email);
    const byId = noreply.id === null ? undefined : catalog.byUserId.get(noreply.id);
    if (byId) (found ??= []).push(...byId);
    const byLogin = catalog.byLogin.get(normalizeLogin(noreply.login));
    if (byLogin) (found ??= []).push(...byLogin);
  }
  return found ?? NONE;
}

// Authors repeat: a repository's history holds a few hundred addresses for thousands of
// commits. Remembering each address's candidates keeps the hot path to one map lookup.
// Bounded so a crawl over millions of addresses cannot grow it without limit.
const MAX_CACHED_ADDRESSES = 50_000;
// An address is at most 254 characters (RFC 5321): longer "addresses" are hostile input and
// are looked up without being remembered, so the cache's memory stays bounded too.
const MAX_CACHED_ADDRESS_LENGTH = 320;
function cachedCandidates(catalog: CompiledCatalog, email: string): readonly Tagged<IdentitySignal>[] {
  const cache = catalog.addressCache;
  let candidates = cache.get(email);
  if (candidates === undefined) {
    candidates = candidatesForEmail(catalog, email);
    if (email.length > MAX_CACHED_ADDRESS_LENGTH) return candidates;
    if (cache.size >= MAX_CACHED_ADDRESSES) cache.clear();
    cache.set(email, candidates);
  }
  return candidates;
}

export function matchIdentity(
  catalog: CompiledCatalog,
  person: PersonLike,
  role: IdentityRole,
): readonly Tagged<IdentitySignal>[] {
  let found: Tagged<IdentitySignal>[] | null = null;
  const candidates = cachedCandidates(catalog, person.email);
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    if (roleAllowed(candidate.signal, role) && nameAllowed(candidate.signal, person.name)) (found ??= []).push(candidate);
  }
  if (person.login) {
    for (const candidate of catalog.byLogin.get(normalizeLogin(person.login)) ?? NONE) {
      if (roleAllowed(candidate.signal, role) && !found?.includes(candidate)) (found ??= []).push(candidate);
    }
  }
  if (catalog.byNameSuffix.length > 0) {
    const lastCode = lastNonSpaceCode(person.name);
    for (const candidate of catalog.byNameSuffix) {
      const suffix = candidate.suffixLower;
      // Cheap first test on the last character before lower-casing the whole name.
      if (lastCode !== suffix.charCodeAt(suffix.length - 1)) continue;
      const name = person.name.trimEnd().toLowerCase();
      if (name.length > suffix.length && name.endsWith(suffix) && roleAllowed(candidate.signal, role)) {
        (found ??= []).push(candidate);
      }
    }
  }
  return found ?? NONE;
}

/**
 * For a GitHub noreply address source[start, end): false when it certainly names no catalog
 * account id. "ID+login@…" with a plain decimal ID is judged here; any other shape with a "+"
 * is left to the full lookup (parseNoreply reads it with Number()).
 */
function mayBeCatalogAccount(catalog: CompiledCatalog, source: string, start: number, end: number): boolean {
  if (catalog.byUserId.size === 0) return false;
  let index = start;
  while (index < end && source.charCodeAt(index) <= 0x20) index++;
  let id = 0;
  let digits = 0;
  for (; index < end; index++, digits++) {
    const code = source.charCodeAt(index);
    if (code < 0x30 || code > 0x39) break;
    id = id * 10 + (code - 0x30);
  }
  if (index < end && source.charCodeAt(index) === 0x2b && digits > 0 && digits <= 15) return catalog.byUserId.has(id);
  // "login@…" (no "+") has no id; its login was already read by the walk.
  for (let i = index; i < end; i++) if (source.charCodeAt(i) === 0x2b) return true;
  return false;
}

/** False when the address source[start, end) certainly matches no catalog identity. */
function mayMatchAddress(catalog: CompiledCatalog, source: string, start: number, end: number): boolean {
  const walk = walkSuffixes(catalog.identityTails.emails, source, start, end);
  if (walk === MAYBE) return true;
  return (walk & NOREPLY_MARK) !== 0 && mayBeCatalogAccount(catalog, source, start, end);
}

/** Where a login ends without trailing spaces and GitHub's "[bot]" suffix (as normalizeLogin reads it). */
function loginEnd(login: string): number {
  let end = login.length;
  while (end > 0 && login.charCodeAt(end - 1) <= 0x20) end--;
  const bot = end - 5;
  return bot > 0 && login.charCodeAt(bot) === 0x5b && login.slice(bot, end).toLowerCase() === "[bot]" ? bot : end;
}

/**
 * False when no catalog identity can match this person in any role: neither the address nor
 * the login is one the catalog knows, and the name ends with no agent's suffix. Reads a few
 * characters and hashes no string, so most people cost next to nothing.
 */
export function mayMatchIdentity(catalog: CompiledCatalog, person: PersonLike): boolean {
  const email = person.email;
  if (mayMatchAddress(catalog, email, 0, email.length)) return true;
  const login = person.login;
  if (login && walkSuffixes(catalog.identityTails.logins, login, 0, loginEnd(login)) === MAYBE) return true;
  if (catalog.byNameSuffix.length > 0) {
    const lastCode = lastNonSpaceCode(person.name);
    for (const candidate of catalog.byNameSuffix) {
      const suffix = candidate.suffixLower;
      if (lastCode === suffix.charCodeAt(suffix.length - 1)) return true;
    }
  }
  return false;
}

/** The last index of `code` in source[from, end), or -1: bounded by the line, never past it. */
export function lastIndexBetween(source: string, code: number, from: number, end: number): number {
  for (let i = end - 1; i >= from; i--) if (source.charCodeAt(i) === code) return i;
  return -1;
}

/**
 * For a co-author trailer's value source[from, end): false when the "Name <email>" it holds
 * (parseNameAndEmail's reading: the last "<", the last ">" after it) certainly matches no
 * catalog identity, or holds no address at all. A value ending with ">" is read from there
 * backwards, so a person's address is dismissed before its "<" is even looked for (the read
 * stops at "<", which no catalog address holds); only a GitHub noreply address needs its start.
 */
export function mayMatchCoAuthor(catalog: CompiledCatalog, source: string, from: number, end: number): boolean {
  if (catalog.identityTails.coAuthorByName) return true;
  let last = end;
  while (last > from && source.charCodeAt(last - 1) <= 0x20) last--;
  if (source.charCodeAt(last - 1) === 0x3e) {
    const close = last - 1;
    const walk = walkSuffixes(catalog.identityTails.emails, source, from, close);
    if (walk === MAYBE) return true;
    if ((walk & NOREPLY_MARK) === 0) return false;
    const open = lastIndexBetween(source, 0x3c, from, close);
    return open >= 0 && mayBeCatalogAccount(catalog, source, open + 1, close);
  }
  const open = lastIndexBetween(source, 0x3c, from, end);
  const close = open < 0 ? -1 : lastIndexBetween(source, 0x3e, open + 1, end);
  return close >= 0 && mayMatchAddress(catalog, source, open + 1, close);
}

/** The part of an identity that names the agent — never a person's own address. */
export function describeIdentityMatch(signal: IdentitySignal, person: PersonLike): string {
  if (signal.nameSuffix) return `name ends with "${signal.nameSuffix.trim()}"`;
  if (signal.githubLogin && person.login && normalizeLogin(person.login) === normalizeLogin(signal.githubLogin)) {
    return person.login;
  }
  return `${person.name.trim()} <${person.email.trim()}>`;
}
