// classifyCommit: one commit in, evidence out. Pure: no I/O, no clock.
import { catalog } from "../agents/catalog.js";
import { CO_AUTHOR_KEY, compileCatalog, type CompiledCatalog } from "../agents/compile.js";
import type { AgentEntry } from "../agents/entry.js";
import { EvidenceCollector } from "./evidence.js";
import { describeIdentityMatch, matchIdentity, type PersonLike } from "./identity.js";
import { forEachCandidateLine } from "./lines.js";
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

function classifyMessage(compiled: CompiledCatalog, message: string, out: EvidenceCollector): void {
  forEachCandidateLine(message, compiled.messagePrefilter, (line) => {
    const trailer = splitTrailer(line.text);
    if (trailer?.key === CO_AUTHOR_KEY) {
      const person = parseNameAndEmail(trailer.value);
      if (person) {
        for (const { agent, signal } of matchIdentity(compiled, person, "co-author")) {
          out.add(agent, "trailer", signal.strength, line.text.trim());
        }
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
  });
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

export function classifyCommit(commit: CommitInput, entries: readonly AgentEntry[] = catalog): CommitVerdict {
  const compiled = compileCatalog(entries);
  const out = new EvidenceCollector();
  classifyPerson(compiled, commit.author, "author", out);
  classifyPerson(compiled, commit.committer, "committer", out);
  classifyMessage(compiled, commit.message, out);
  return { sha: commit.sha, ...out.agents(), evidence: out.evidence };
}
