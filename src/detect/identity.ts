// Matches a person (author, committer or co-author) against the catalog's identities.
import { normalizeLogin, roleAllowed, type CompiledCatalog, type Tagged } from "../agents/compile.js";
import type { IdentityRole, IdentitySignal } from "../agents/entry.js";

const NOREPLY_DOMAIN = "users.noreply.github.com";

export interface PersonLike {
  name: string;
  email: string;
  login?: string | null;
}

function nameAllowed(signal: IdentitySignal, name: string): boolean {
  return !signal.nameStartsWith || name.trim().toLowerCase().startsWith(signal.nameStartsWith.toLowerCase());
}

/** GitHub's noreply addresses: "ID+login@users.noreply.github.com" or the older "login@…". */
function parseNoreply(email: string): { id: number | null; login: string } | null {
  const at = email.lastIndexOf("@");
  if (at < 0 || email.slice(at + 1) !== NOREPLY_DOMAIN) return null;
  const local = email.slice(0, at);
  const plus = local.indexOf("+");
  if (plus < 0) return { id: null, login: local };
  const id = Number(local.slice(0, plus));
  return { id: Number.isSafeInteger(id) ? id : null, login: local.slice(plus + 1) };
}

export function matchIdentity(
  catalog: CompiledCatalog,
  person: PersonLike,
  role: IdentityRole,
): Tagged<IdentitySignal>[] {
  const found: Tagged<IdentitySignal>[] = [];
  const consider = (candidates: Tagged<IdentitySignal>[] | undefined): void => {
    if (!candidates) return;
    for (const candidate of candidates) {
      if (roleAllowed(candidate.signal, role) && nameAllowed(candidate.signal, person.name)) found.push(candidate);
    }
  };
  const email = person.email.trim().toLowerCase();
  consider(catalog.byEmail.get(email));
  const at = email.lastIndexOf("@");
  if (at >= 0 && catalog.byEmailDomain.size > 0) {
    // Walk up the domain so "x@eu.vendor.ai" matches a signal for "vendor.ai".
    let domain = email.slice(at + 1);
    for (;;) {
      consider(catalog.byEmailDomain.get(domain));
      const dot = domain.indexOf(".");
      if (dot < 0 || domain.indexOf(".", dot + 1) < 0) break;
      domain = domain.slice(dot + 1);
    }
  }
  const noreply = parseNoreply(email);
  if (noreply) {
    if (noreply.id !== null) consider(catalog.byUserId.get(noreply.id));
    consider(catalog.byLogin.get(normalizeLogin(noreply.login)));
  }
  if (person.login) consider(catalog.byLogin.get(normalizeLogin(person.login)));
  if (catalog.byNameSuffix.length > 0) {
    const name = person.name.trimEnd().toLowerCase();
    for (const candidate of catalog.byNameSuffix) {
      const suffix = candidate.signal.nameSuffix?.toLowerCase();
      if (suffix && name.length > suffix.length && name.endsWith(suffix) && roleAllowed(candidate.signal, role)) {
        found.push(candidate);
      }
    }
  }
  return found;
}

/** The part of an identity that names the agent — never a person's own address. */
export function describeIdentityMatch(signal: IdentitySignal, person: PersonLike): string {
  if (signal.nameSuffix) return `name ends with "${signal.nameSuffix.trim()}"`;
  if (signal.githubLogin && person.login && normalizeLogin(person.login) === normalizeLogin(signal.githubLogin)) {
    return person.login;
  }
  return `${person.name.trim()} <${person.email.trim()}>`;
}
