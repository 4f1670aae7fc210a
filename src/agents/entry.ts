// The shape of one catalog entry. An entry is data: the detector compiles every entry's signals
// into matchers (src/agents/compile.ts), so adding an agent never touches detection code.
import type { AgentClass, Strength } from "../detect/types.js";

/** Where an identity may appear in a commit. */
export type IdentityRole = "author" | "committer" | "co-author";

/**
 * An identity an agent commits or co-authors as. Exactly one of the match fields is set;
 * `nameStartsWith` may narrow an `email` match (a shared vendor address used by several tools).
 */
export interface IdentitySignal {
  strength: Strength;
  /** Exact address, case-insensitive. */
  email?: string;
  /** Any address at this domain (and its subdomains). */
  emailDomain?: string;
  /** A GitHub account: matches `login`, and the noreply address `[ID+]LOGIN@users.noreply.github.com`. */
  githubLogin?: string;
  /** A GitHub account id: matches the noreply address `ID+anything@users.noreply.github.com`. */
  githubUserId?: number;
  /** The display name ends with this text (aider appends " (aider)" to the user's name). */
  nameSuffix?: string;
  /** Narrows an email match: the display name must start with this (case-insensitive). */
  nameStartsWith?: string;
  /** Roles this identity counts in; all three when omitted. */
  roles?: IdentityRole[];
  /** A real example as it appears in a commit: a trailer line, or "Name <email>" of an author. */
  example: string;
  note?: string;
}

/** A line in the commit message that only the agent writes. */
export interface MarkerSignal {
  strength: Strength;
  /**
   * A literal the line must contain (case-insensitive); it feeds the single pre-filter pass
   * over each message, so it must be a plain string.
   */
  needle: string;
  /**
   * The whole-line test, applied only to lines holding the needle, after leading whitespace,
   * emoji and bullet characters are stripped. Keep it anchored and free of nested quantifiers:
   * lines are capped in length, so an anchored pattern runs in linear time.
   */
  line: RegExp;
  /** Only the message's first line counts (aider's old "aider: " prefix). */
  firstLineOnly?: boolean;
  example: string;
  note?: string;
}

/** A trailer key only this agent writes (Amp-Thread-ID). */
export interface TrailerKeySignal {
  strength: Strength;
  key: string;
  example: string;
}

export interface PullRequestSignals {
  /** Bot accounts that open the agent's pull requests (with or without the "[bot]" suffix). */
  authorLogins?: { login: string; strength: Strength; example: string }[];
  /** Head branch prefixes the agent uses. */
  branchPrefixes?: { prefix: string; strength: Strength; example: string }[];
  /** Lines in the pull-request body, matched like commit markers. */
  bodyMarkers?: MarkerSignal[];
}

/**
 * A config or instruction file. `path` is a root path; `anyDepth` also matches the same
 * relative path below any folder; a trailing "/" means everything inside that folder.
 */
export interface ConfigPathSignal {
  path: string;
  strength: Strength;
  anyDepth?: boolean;
  /** For a folder: only files whose name ends with this (".prompt.md"). */
  fileSuffix?: string;
  example: string;
  note?: string;
}

export interface AgentEntry {
  id: string;
  name: string;
  vendor: string;
  homepage: string;
  class: AgentClass;
  /** A cross-tool convention (AGENTS.md, MCP config) rather than one product. */
  convention?: boolean;
  identities?: IdentitySignal[];
  markers?: MarkerSignal[];
  trailerKeys?: TrailerKeySignal[];
  pullRequests?: PullRequestSignals;
  configPaths?: ConfigPathSignal[];
  /** Real strings that look related but are not this agent's evidence. */
  nearMisses?: string[];
}
