// The detector's vocabulary. Sources turn the world into these inputs; the store keeps the evidence.
// Nothing here does I/O: the detection core is pure.

import type { AgentClass, Strength } from "../agents/entry.js";

export type { AgentClass, Strength };

/** Where a piece of evidence was found. */
export type EvidenceKind =
  | "trailer" // a Co-authored-by (or vendor) trailer in the commit message
  | "identity" // the commit's author or committer is the agent
  | "marker" // a vendor's generated-with line or message prefix
  | "link" // a link to the agent's session, task or thread in the message
  | "config" // an agent config / instruction file in the tree
  | "pr-author" // the pull request was opened by the agent's bot account
  | "pr-branch" // the pull request's head branch carries the agent's prefix
  | "pr-body"; // the pull request body carries the agent's marker

export interface Evidence {
  agent: string;
  kind: EvidenceKind;
  strength: Strength;
  /** The exact text that matched (a trailer line, an identity, a path, a branch name), capped in length. */
  matched: string;
  /**
   * The catalog signal that matched, a stable id (`claude-code/identity/noreply@anthropic.com`).
   * The detector always sets it; evidence read back from a store written before ids existed has none.
   */
  signal?: string;
}

export interface Person {
  name: string;
  email: string;
  /** ISO 8601 with offset. */
  date: string;
  /** The GitHub login when the source knows it (API, webhooks). */
  login?: string | null;
}

/** A commit as every source delivers it: the shape of fixtures' commits.jsonl. */
export interface CommitInput {
  sha: string;
  parents: string[];
  author: Person;
  committer: Person;
  message: string;
}

export interface PullRequestInput {
  number: number;
  authorLogin: string | null;
  headRef: string;
  title: string;
  body: string | null;
  /** ISO 8601. */
  createdAt: string;
  mergedAt?: string | null;
}

/** What the detector concludes about one commit. */
export interface CommitVerdict {
  sha: string;
  /** Agents with strong evidence (the lower bound). */
  agents: string[];
  /** Agents with only weak evidence (added for the upper bound). */
  weakAgents: string[];
  evidence: Evidence[];
}

export interface PathsVerdict {
  /** One entry per matching path (a path may match several agents). */
  evidence: Evidence[];
}

export interface PullRequestVerdict {
  number: number;
  agents: string[];
  weakAgents: string[];
  evidence: Evidence[];
}
