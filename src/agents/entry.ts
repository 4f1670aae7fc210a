// The shape of one catalog entry. An entry is data: src/detect/compile.ts turns every entry's
// signals into lookup tables and src/detect/ runs them, so adding an agent never touches detection
// code, and adding a new kind of signal touches this file, the compiler and one matcher.
//
// Every signal has a stable id (`agent/kind/key`, see src/detect/compile.ts): evidence carries it,
// so a person can review a sample of one signal's evidence and the reports can give its precision.

/** Strong evidence proves an agent took part; weak evidence only suggests it (the upper bound). */
export type Strength = "strong" | "weak";

/** A coding agent does the work; a review assistant's suggestion was applied by a person. */
export type AgentClass = "coding-agent" | "review-assistant";

/** Where an identity may appear in a commit. */
export type IdentityRole = "author" | "committer" | "co-author";

interface SignalBase {
  strength: Strength;
  /** A real example, as it appears in a commit, pull request or tree: the catalog test matches it. */
  example: string;
  note?: string;
}

/**
 * An identity an agent commits or co-authors as: the author, the committer, or the "Name <email>"
 * of an identity trailer (Co-authored-by, Assisted-by, Generated-by, Co-developed-by, …).
 * Exactly one match field is set; `nameMatches` may narrow it (a vendor address shared by tools).
 */
export interface IdentitySignal extends SignalBase {
  /** Exact address, case-insensitive. */
  email?: string;
  /** Any address at this domain (and its subdomains): only for domains no person uses. */
  emailDomain?: string;
  /** A GitHub account: its login, and its noreply address `[ID+]LOGIN@users.noreply.github.com`. */
  githubLogin?: string;
  /** A GitHub account id: the noreply address `ID+anything@users.noreply.github.com`. */
  githubUserId?: number;
  /** The display name ends with this text (aider appends " (aider)" to the user's name). */
  nameSuffix?: string;
  /** Narrows an address match: the display name must match too. */
  nameMatches?: RegExp;
  /** Roles this identity counts in; all three when omitted. */
  roles?: IdentityRole[];
}

/** A trailer key only this agent writes (`Amp-Thread-ID:`, `Made-with: Cursor`). */
export interface TrailerSignal extends SignalBase {
  key: string;
  /** The value must match (tested on the trimmed value); any non-empty value when omitted. */
  value?: RegExp;
}

/**
 * The agent named as a tool in an attribution trailer's value: `Assisted-by: Claude Code (Opus 5)`,
 * `Assisted-by: Crush:glm-5.2`, `Generated-by: aider`. Tested on the value of the keys in
 * TOOL_TRAILER_KEYS (and of Co-authored-by when it holds no address). Name the tool, never a model.
 */
export interface ToolNameSignal extends SignalBase {
  /** Stable within the entry: the signal id's last part. */
  id: string;
  /** Tested on the trimmed value; anchor it, and keep it free of nested quantifiers. */
  value: RegExp;
}

/** A line of the message only the agent writes (`🤖 Generated with [Claude Code](…)`). */
export interface MarkerSignal extends SignalBase {
  id: string;
  /**
   * Tested on the line after leading whitespace, emoji and bullets are stripped. It must start
   * with "^" and hold no nested quantifiers: lines are capped in length, so it runs in linear time.
   */
  line: RegExp;
  /** Only the message's first line counts (aider's old "aider: " prefix), tested unstripped. */
  firstLineOnly?: boolean;
}

/**
 * A link to the agent's session, task or thread, anywhere in the message or pull-request body:
 * `https://claude.ai/code/session_…`. Matched as a URL (after `http://` or `https://`), so prose
 * that names the product without the link is no evidence.
 */
export interface LinkSignal extends SignalBase {
  id: string;
  /** The URL after its scheme: host and path, no "^", no nested quantifiers. */
  url: RegExp;
}

export interface PullRequestSignals {
  /** Bot accounts that open the agent's pull requests (with or without the "[bot]" suffix). */
  authorLogins?: { login: string; strength: Strength; example: string }[];
  /** Head branch prefixes the agent uses. */
  branchPrefixes?: { prefix: string; strength: Strength; example: string }[];
  /** Lines only pull-request bodies carry (commit markers and links count in bodies too). */
  bodyMarkers?: MarkerSignal[];
}

/**
 * A config or instruction file. `path` is a root path; `anyDepth` also matches the same relative
 * path below any folder; a trailing "/" means everything inside that folder (at the root, or at any
 * depth with `anyDepth`).
 */
export interface ConfigPathSignal extends SignalBase {
  path: string;
  anyDepth?: boolean;
  /** For a folder: only files whose name ends with this (".prompt.md"). */
  fileSuffix?: string;
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
  trailers?: TrailerSignal[];
  toolNames?: ToolNameSignal[];
  markers?: MarkerSignal[];
  links?: LinkSignal[];
  pullRequests?: PullRequestSignals;
  configPaths?: ConfigPathSignal[];
  /** Real strings that look related but are not this agent's strong evidence. */
  nearMisses?: string[];
}

/** Trailer keys whose "Name <email>" value is an identity (case-insensitive). */
export const IDENTITY_TRAILER_KEYS = [
  "co-authored-by",
  "assisted-by",
  "generated-by",
  "co-developed-by",
  "signed-off-by",
  "helped-by",
] as const;

/**
 * Trailer keys that credit a tool by name (the Linux kernel's `Assisted-by: AGENT:MODEL`, and its
 * cousins). Co-authored-by credits a tool by name only when it holds no address.
 */
export const TOOL_TRAILER_KEYS = ["assisted-by", "generated-by", "co-developed-by", "ai-assisted-by"] as const;
