// Collects evidence, dropping repeats and splitting agents into strong and weak.
// Most commits carry no evidence, so nothing is allocated until the first item arrives.
import type { Evidence, EvidenceKind, Strength } from "./types.js";

const MAX_MATCHED_LENGTH = 200;
// Shared by every verdict without evidence (most commits); frozen so no caller can change it.
const NO_AGENTS = Object.freeze([]) as unknown as string[];

export class EvidenceCollector {
  private items: Evidence[] | null = null;

  add(agent: string, kind: EvidenceKind, strength: Strength, matched: string): void {
    const text = matched.length > MAX_MATCHED_LENGTH ? matched.slice(0, MAX_MATCHED_LENGTH) : matched;
    const items = (this.items ??= []);
    for (const item of items) {
      if (item.agent === agent && item.kind === kind && item.strength === strength && item.matched === text) return;
    }
    items.push({ agent, kind, strength, matched: text });
  }

  /**
   * Repeats the identity evidence of one role for another (author → committer), for a commit
   * whose author and committer are the same person. Only the roles an identity allows count,
   * so the caller passes roles whose signals agree: every catalog identity allows both.
   */
  copyIdentity(from: "author", to: "committer"): void {
    if (!this.items) return;
    for (const item of [...this.items]) {
      if (item.kind === "identity" && item.matched.startsWith(`${from}: `)) {
        this.add(item.agent, "identity", item.strength, `${to}: ${item.matched.slice(from.length + 2)}`);
      }
    }
  }

  get evidence(): Evidence[] {
    return this.items ?? [];
  }

  /** Strong agents, then agents seen only weakly; each sorted for stable output. */
  agents(): { agents: string[]; weakAgents: string[] } {
    if (!this.items) return { agents: NO_AGENTS, weakAgents: NO_AGENTS };
    // Verdicts hold one to three agents: arrays with includes() beat Sets at this size.
    const strong: string[] = [];
    for (const item of this.items) if (item.strength === "strong" && !strong.includes(item.agent)) strong.push(item.agent);
    const weak: string[] = [];
    for (const item of this.items) {
      if (item.strength === "weak" && !strong.includes(item.agent) && !weak.includes(item.agent)) weak.push(item.agent);
    }
    return { agents: strong.length > 1 ? strong.sort() : strong, weakAgents: weak.length > 1 ? weak.sort() : weak };
  }
}
