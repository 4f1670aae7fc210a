// Matches a person (author, committer, or the "Name <email>" of an identity trailer) against the
// catalog's identities: by address, by a domain only an agent uses, by GitHub account (login or
// id, read from the noreply address too), or by aider's name suffix.
import { GITHUB_NOREPLY_SUFFIX, normalizeLogin, type Compiled, type CompiledCatalog } from "./compile.js";
import type { IdentityRole, IdentitySignal } from "../agents/entry.js";

export interface PersonLike {
  name: string;
  email: string;
  login?: string | null;
}

/** "Name <email>" of a trailer value; null when the value holds no address. */
export function parseNameAndEmail(value: string): PersonLike | null {
  const open = value.lastIndexOf("<");
  const close = value.lastIndexOf(">");
  if (open < 0 || close < open) return null;
  return { name: value.slice(0, open).trim(), email: value.slice(open + 1, close).trim() };
}

/** GitHub's noreply addresses: "ID+login@users.noreply.github.com", or the older "login@…". */
function parseNoreply(email: string): { id: number | null; login: string } | null {
  if (!email.endsWith(GITHUB_NOREPLY_SUFFIX)) return null;
  const local = email.slice(0, email.length - GITHUB_NOREPLY_SUFFIX.length);
  const plus = local.indexOf("+");
  if (plus < 0) return { id: null, login: local };
  const id = Number(local.slice(0, plus));
  return { id: Number.isSafeInteger(id) ? id : null, login: local.slice(plus + 1) };
}

// An address is at most 254 characters (RFC 5321): a longer one is hostile input, and looking up
// each of its many "domains" would cost its length squared.
const MAX_ADDRESS_LENGTH = 320;

function candidatesByEmail(catalog: CompiledCatalog, email: string): Compiled<IdentitySignal>[] {
  if (email.length > MAX_ADDRESS_LENGTH) return [];
  const found = [...(catalog.byEmail.get(email) ?? [])];
  // The domain and each parent domain: "x@eu.opencode.ai" is at opencode.ai.
  for (let dot = email.indexOf("@"); dot >= 0; dot = email.indexOf(".", dot + 1)) {
    found.push(...(catalog.byEmailDomain.get(email.slice(dot + 1)) ?? []));
  }
  const noreply = parseNoreply(email);
  if (noreply) {
    if (noreply.id !== null) found.push(...(catalog.byUserId.get(noreply.id) ?? []));
    // The address spells the account exactly: "81847+claude@…" is a person, not the app claude[bot].
    const login = noreply.login;
    found.push(...(catalog.byLogin.get(normalizeLogin(login)) ?? []).filter(({ signal }) => signal.githubLogin!.toLowerCase() === login));
  }
  return found;
}

/** A bot's display name is its login ("claude[bot]"): a person's "Claude" is not the account. */
function candidatesByName(catalog: CompiledCatalog, name: string): Compiled<IdentitySignal>[] {
  const lower = name.trim().toLowerCase();
  const login = lower.endsWith("[bot]") ? lower.slice(0, -5) : lower;
  const byLogin = catalog.byLogin.get(login);
  const found = byLogin ? byLogin.filter(({ signal }) => signal.githubLogin!.toLowerCase() === lower) : [];
  for (const candidate of catalog.byNameSuffix) {
    const suffix = candidate.signal.nameSuffix!.toLowerCase();
    if (lower.length > suffix.length && lower.endsWith(suffix)) found.push(candidate);
  }
  return found;
}

/** The catalog identities this person is, in this role. */
export function matchIdentity(catalog: CompiledCatalog, person: PersonLike, role: IdentityRole): Compiled<IdentitySignal>[] {
  const email = person.email.trim().toLowerCase();
  const candidates = candidatesByEmail(catalog, email).filter(({ signal }) => !signal.nameMatches || signal.nameMatches.test(person.name));
  candidates.push(...candidatesByName(catalog, person.name));
  if (person.login) candidates.push(...(catalog.byLogin.get(normalizeLogin(person.login)) ?? []));
  // Most people are no agent: nothing to filter.
  if (candidates.length === 0) return candidates;
  const found: Compiled<IdentitySignal>[] = [];
  for (const candidate of candidates) {
    const roles = candidate.signal.roles;
    if ((!roles || roles.includes(role)) && !found.includes(candidate)) found.push(candidate);
  }
  return found;
}

/** The part of an identity that names the agent, for the evidence — never a person's own address. */
export function describeIdentity(signal: IdentitySignal, person: PersonLike): string {
  if (signal.nameSuffix) return `name ends with "${signal.nameSuffix.trim()}"`;
  if (signal.githubLogin && person.login && normalizeLogin(person.login) === normalizeLogin(signal.githubLogin)) return person.login;
  return `${person.name.trim()} <${person.email.trim()}>`;
}
