// Collects evidence, dropping repeats and splitting agents into strong and weak.
// Hot path: most commits carry no evidence, so nothing is allocated until the first item
// arrives, and verdicts without evidence share frozen empty arrays.
import type { Evidence, EvidenceKind, Strength } from "./types.js";

const MAX_MATCHED_LENGTH = 200;
// A squash merge can carry thousands of distinct trailers for one agent. A few examples per
// agent say all there is to say, and the cap keeps the duplicate check (a scan of the list)
// bounded, so a hostile message stays linear.
const MAX_EVIDENCE_PER_AGENT = 8;
export const NO_AGENTS = Object.freeze([]) as unknown as string[];
export const NO_EVIDENCE = Object.freeze([]) as unknown as Evidence[];

/** Appends one piece of evidence unless the same one is there; returns the (possibly new) list. */
export function addEvidence(
  items: Evidence[] | null,
  agent: string,
  kind: EvidenceKind,
  strength: Strength,
  matched: string,
): Evidence[] {
  const capped = matched.length > MAX_MATCHED_LENGTH ? matched.slice(0, MAX_MATCHED_LENGTH) : matched;
  // Postgres text cannot hold NUL: a hostile message must not make the scan's write fail.
  const text = capped.includes("\u0000") ? capped.replaceAll("\u0000", "\ufffd") : capped;
  return addEvidenceItem(items, { agent, kind, strength, matched: text });
}

/**
 * Appends an item made by addEvidence before (already capped and clean) unless the same one is
 * there. The item itself is kept, not copied: remembered items are frozen and shared.
 */
export function addEvidenceItem(items: Evidence[] | null, evidence: Evidence): Evidence[] {
  const { agent, kind, strength, matched } = evidence;
  const list = items ?? [];
  let forAgent = 0;
  let strongerKept = false;
  for (const item of list) {
    if (item.agent !== agent) continue;
    if (item.kind === kind && item.strength === strength && item.matched === matched) return list;
    forAgent++;
    if (item.strength === "strong" || item.strength === strength) strongerKept = true;
  }
  // Past the cap, keep only what changes the verdict: the agent's first strong item.
  if (forAgent >= MAX_EVIDENCE_PER_AGENT && (strongerKept || strength === "weak")) return list;
  list.push(evidence);
  return list;
}

export interface VerdictFields {
  agents: string[];
  weakAgents: string[];
  evidence: Evidence[];
}

/** Strong agents, then agents seen only weakly; each sorted for stable output. */
export function verdictFields(items: Evidence[] | null): VerdictFields {
  if (items === null) return { agents: NO_AGENTS, weakAgents: NO_AGENTS, evidence: NO_EVIDENCE };
  // Verdicts hold one to three agents: arrays with includes() beat Sets at this size.
  const strong: string[] = [];
  for (const item of items) if (item.strength === "strong" && !strong.includes(item.agent)) strong.push(item.agent);
  const weak: string[] = [];
  for (const item of items) {
    if (item.strength === "weak" && !strong.includes(item.agent) && !weak.includes(item.agent)) weak.push(item.agent);
  }
  return { agents: strong.length > 1 ? strong.sort() : strong, weakAgents: weak.length > 1 ? weak.sort() : weak, evidence: items };
}

/** An object-style collector for the paths and pull-request classifiers (not on the hot path). */
export class EvidenceCollector {
  private items: Evidence[] | null = null;

  add(agent: string, kind: EvidenceKind, strength: Strength, matched: string): void {
    this.items = addEvidence(this.items, agent, kind, strength, matched);
  }

  get evidence(): Evidence[] {
    return this.items ?? NO_EVIDENCE;
  }

  verdictFields(): { agents: string[]; weakAgents: string[]; evidence: Evidence[] } {
    return verdictFields(this.items);
  }
}
