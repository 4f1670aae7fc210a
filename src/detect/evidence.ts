// Collects evidence, dropping repeats and splitting agents into strong and weak.
import type { Evidence, EvidenceKind, Strength } from "./types.js";

const MAX_MATCHED_LENGTH = 200;

export class EvidenceCollector {
  readonly evidence: Evidence[] = [];
  private readonly seen = new Set<string>();

  add(agent: string, kind: EvidenceKind, strength: Strength, matched: string): void {
    const text = matched.length > MAX_MATCHED_LENGTH ? matched.slice(0, MAX_MATCHED_LENGTH) : matched;
    const key = `${agent}\u0000${kind}\u0000${strength}\u0000${text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.evidence.push({ agent, kind, strength, matched: text });
  }

  /** Strong agents, then agents seen only weakly; each sorted for stable output. */
  agents(): { agents: string[]; weakAgents: string[] } {
    const strong = new Set<string>();
    const weak = new Set<string>();
    for (const item of this.evidence) (item.strength === "strong" ? strong : weak).add(item.agent);
    for (const agent of strong) weak.delete(agent);
    return { agents: [...strong].sort(), weakAgents: [...weak].sort() };
  }
}
