// What the GitHub API backend takes and gives. It adapts GitHub into the detector's inputs and never
// decides what is an agent; the lead wires sources → detect → store.
import type { CommitInput, PullRequestInput } from "../../detect/types.js";

export interface ScanCursor {
  /** The newest default-branch commit already stored. */
  sha: string;
  /** Its committer date (ISO 8601): history is asked from here on. */
  date: string;
}

export interface RepositoryRequest {
  owner: string;
  name: string;
  /** GitHub's databaseId, when known: lets a renamed or transferred repository be found again. */
  githubId?: number | null;
  /** Start of the window (ISO 8601), e.g. 2025-10-01T00:00:00Z. */
  since: string;
  /** Incremental scans stop at this commit. */
  cursor?: ScanCursor | null;
  /** Pull requests created before this are not fetched again (default: cursor date, else since). */
  pullRequestsSince?: string | null;
  /** Config paths already stored with their dates; only new ones are dated again. */
  knownConfigPaths?: readonly string[];
}

export type ScanOutcome = "ok" | "empty" | "gone" | "blocked" | "no-access" | "error";

/** The repository row the store keeps: structurally the store's RepositoryFacts (src/store/api.ts), not imported, since data flows sources → store. */
export interface RepositoryFacts {
  githubId: number;
  host: string;
  owner: string;
  name: string;
  visibility: "public" | "private" | "internal";
  fork: boolean;
  archived: boolean;
  stars: number;
  language: string | null;
  createdAt: Date | null;
  pushedAt: Date | null;
  defaultBranch: string | null;
}

export interface ConfigFileAtHead {
  path: string;
  /** The commit that added the file (oldest commit touching the path at HEAD), when dated. */
  addedSha: string | null;
  addedAt: string | null;
}

export interface ScanCost {
  graphqlPoints: number;
  httpRequests: number;
}

/**
 * One page of one repository's scan. The first page (page 0) carries the facts and config files;
 * later pages only carry more commits / pull requests. `done` marks the repository's last page.
 */
export interface RepoScanPage {
  request: RepositoryRequest;
  outcome: ScanOutcome;
  message?: string;
  page: number;
  done: boolean;
  facts: RepositoryFacts | null;
  /** Default-branch HEAD at scan time: the next cursor (with the newest commit's date). */
  head: { sha: string; committedDate: string } | null;
  /** Set when GitHub answered under another name (renamed or transferred; same githubId). */
  renamedFrom?: string;
  /** Newest first; stops before the cursor commit. */
  commits: CommitInput[];
  /** Whether `commits[].parents` were fetched (costly: see queries.ts); [] otherwise. */
  parentsKnown: boolean;
  pullRequests: PullRequestInput[];
  /** Paths at HEAD that match the config patterns (page 0 only). */
  configPaths: string[];
  configFiles: ConfigFileAtHead[];
  /** The repository's top-level .gitattributes at HEAD (page 0 only): its vendored paths are not its own config. */
  gitattributes: string | null;
  /** The tree listing did not cover everything (GraphQL lists root + config dirs; REST trees can truncate). */
  treeTruncated: boolean;
  /**
   * The request had a cursor, and the history since its date ended without reaching it: the
   * branch was rewritten (force-push) or the cursor is older than its date suggests. The
   * caller should scan the whole window again.
   */
  cursorMissing?: boolean;
  /** This page's share of the API cost; the sum over a repository's pages is its cost. */
  cost: ScanCost;
}

export interface ScanOptions {
  /** Config-file patterns (src/detect's configPathPatterns()). */
  configPatterns: readonly string[];
  /** Repositories per GraphQL query. Default 50. */
  batchSize?: number;
  /** Commits per history page (max 100). */
  historyPageSize?: number;
  /** Pull requests per page (max 100). Default 50. */
  pullRequestPageSize?: number;
  /** Fetch each commit's parents (exact merge detection) at ~1 point per 100 commits. Default false. */
  withParents?: boolean;
  /** Date new config files by their adding commit (extra GraphQL query per batch only when new files exist). Default true. */
  dateConfigFiles?: boolean;
}
