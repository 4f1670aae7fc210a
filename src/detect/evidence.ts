// Collects a commit's or pull request's evidence, dropping repeats, and splits its agents into
// strong (the lower bound) and weak only (added for the upper bound).
import type { Evidence, EvidenceKind, Strength } from "./types.js";

const MAX_MATCHED_LENGTH = 200;
// A squash merge can carry thousands of distinct trailers for one agent. A few examples per agent
// say all there is to say, and the cap keeps the repeat check (a scan of the list) bounded, so a
// hostile message stays linear.
const MAX_EVIDENCE_PER_AGENT = 8;

export interface Verdict {
  /** Agents with strong evidence. */
  agents: string[];
  /** Agents with only weak evidence. */
  weakAgents: string[];
  evidence: Evidence[];
}

const NO_EVIDENCE: Verdict = Object.freeze({ agents: Object.freeze([]) as never, weakAgents: Object.freeze([]) as never, evidence: Object.freeze([]) as never });

export class EvidenceList {
  readonly items: Evidence[] = [];

  add(agent: string, kind: EvidenceKind, strength: Strength, matched: string, signal: string): void {
    const capped = matched.length > MAX_MATCHED_LENGTH ? matched.slice(0, MAX_MATCHED_LENGTH) : matched;
    // Postgres text cannot hold NUL: a hostile message must not make the store's write fail.
    const text = capped.replaceAll("\u0000", "\ufffd");
    let forAgent = 0;
    let strongKept = false;
    for (const item of this.items) {
      if (item.agent !== agent) continue;
      if (item.signal === signal && item.kind === kind && item.matched === text) return;
      forAgent++;
      strongKept ||= item.strength === "strong";
    }
    // Past the cap, keep only what changes the verdict: the agent's first strong item.
    if (forAgent >= MAX_EVIDENCE_PER_AGENT && (strongKept || strength === "weak")) return;
    this.items.push({ agent, kind, strength, matched: text, signal });
  }

  verdict(): Verdict {
    // Most commits carry no evidence: they share one frozen verdict.
    if (this.items.length === 0) return NO_EVIDENCE;
    const strong = new Set<string>();
    const weak = new Set<string>();
    for (const item of this.items) (item.strength === "strong" ? strong : weak).add(item.agent);
    for (const agent of strong) weak.delete(agent);
    return { agents: [...strong].sort(), weakAgents: [...weak].sort(), evidence: this.items };
  }
}
