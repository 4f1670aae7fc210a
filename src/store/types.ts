// The store's public types: what sources write, what publishing reads, and the store's handles.
// Every other module of src/store takes its types from here, and callers outside src/store take
// them (with the functions) from ./index.ts. Changes here are additive only.
//
// Data flows one way (sources → detect → store → publish). The store never knows an agent's
// name: it stores agent ids and the class (coding agent or review assistant) that the caller's
// classifier gives each id at write time (see OpenDatabaseOptions.classOf).

import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { AgentClass, Evidence, Strength } from "../detect/types.js";

export type { AgentClass, Evidence, EvidenceKind, Strength } from "../detect/types.js";

// ─── Connections ────────────────────────────────────────────────────────────────────────────────

/** Gives an agent id's class. The catalog's `agentClassOf` (src/agents) is the usual one. */
export type AgentClassifier = (agentId: string) => AgentClass;

export interface OpenDatabaseOptions {
  /** A Postgres URL (DATABASE_URL). When set, node-postgres is used; otherwise embedded PGlite. */
  url?: string;
  /** PGlite data folder (DATA_DIR), created if missing. Default `./data`. `memory://` keeps it in memory. */
  dataDir?: string;
  /**
   * Postgres schema holding the store's tables (default `public`). Created if missing and put on
   * the `search_path` of every connection, so tests and tenants can isolate themselves.
   */
  schema?: string;
  /**
   * Classifies agent ids at write time; the class is stored beside the id so the headline share
   * counts coding agents and review assistants are reported apart. Defaults to the catalog's
   * `agentClassOf`; ids the classifier does not know are stored as coding agents.
   */
  classOf?: AgentClassifier;
  /** node-postgres pool size (default 10). Ignored for PGlite. */
  poolSize?: number;
  /**
   * PGlite only: start from a data directory dumped with PGlite's `dumpDataDir()` instead of
   * running initdb (the test helper keeps a migrated template this way; it halves start-up).
   */
  pgliteDump?: Blob;
}

/** The drizzle handle: node-postgres and PGlite drivers share this type. */
export type StoreDrizzle = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

export interface SqlResult<Row = Record<string, unknown>> {
  rows: Row[];
}

export interface Database {
  kind: "pg" | "pglite";
  /** Postgres schema the store's tables live in. */
  schema: string;
  db: StoreDrizzle;
  classOf: AgentClassifier;
  /**
   * Runs one parameterised statement. Its shape is what pg-boss@10 accepts as its `db` option,
   * so the job queue can run on the same (PGlite or pooled) connection.
   */
  executeSql<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<SqlResult<Row>>;
  close(): Promise<void>;
}

// ─── What sources write ─────────────────────────────────────────────────────────────────────────

export type Visibility = "public" | "private" | "internal";
export type RepositoryStatus = "active" | "empty" | "gone" | "blocked";

/** A repository as a source sees it. Keyed by (host, githubId), or by url when githubId is null. */
export interface RepositoryFacts {
  /** GitHub's stable id (survives renames and transfers); null for a plain git repository. */
  githubId: number | null;
  /** "github.com", a GHES host name, or "git" for a repository known only by its URL. */
  host: string;
  owner: string;
  name: string;
  /** Required when githubId is null (it is then the key). */
  url?: string | null;
  visibility: Visibility;
  fork: boolean;
  archived: boolean;
  stars: number;
  language: string | null;
  createdAt: Date | null;
  pushedAt: Date | null;
  defaultBranch: string | null;
}

/** Points at a stored repository: the store's own id, GitHub's id, its full name, or its URL. */
export type RepositoryRef =
  | { repoId: number }
  | { githubId: number; host?: string }
  | { owner: string; name: string; host?: string }
  | { url: string };

/** A default-branch commit. Only the sha, committer date and evidence are kept (no message, no email). */
export interface ObservedCommit {
  sha: string;
  /** Committer date; months are UTC months. */
  committedAt: Date;
  isMerge: boolean;
  /** Everything the detector found (strong and weak); empty for a plain commit. */
  evidence: Evidence[];
}

/** An agent config / instruction file on the default branch. */
export interface ObservedConfigFile {
  path: string;
  agent: string;
  strength: Strength;
  /** Committer date of the commit that added it, when known; otherwise it counts from first seen. */
  addedAt: Date | null;
  addedSha?: string | null;
  /** The catalog signal that matched the path (`agent/config/path`), as the detector's evidence names it. */
  signal?: string;
}

export interface RemovedConfigFile {
  path: string;
  /** Committer date of the removing commit (or when the removal was seen). */
  removedAt: Date;
}

export type PullRequestState = "open" | "closed" | "merged";

export interface ObservedPullRequest {
  number: number;
  createdAt: Date;
  mergedAt: Date | null;
  state: PullRequestState;
  headRef: string;
  /** Kept only when the author is a bot or agent account; null for a person. */
  authorLogin: string | null;
  /** Detector evidence; a pull request without evidence is not stored. */
  evidence: Evidence[];
}

export interface ApiCost {
  graphqlPoints: number;
  httpRequests: number;
}

export interface Tracking {
  /** The GitHub App installation that gave access (org reports). */
  installationId?: number;
  /** A crawl cohort's name; the cohort must exist (createCohort). */
  cohort?: string;
}

export interface ScanWindow {
  since: Date;
  /** Exclusive end; open-ended (up to head) when absent. */
  until?: Date;
}

/** A completed scan of one repository. */
export interface ScanRecord {
  repo: RepositoryFacts;
  tracking: Tracking;
  window: ScanWindow;
  /**
   * "window": `commits` are ALL default-branch commits in the window reachable from head; they
   * replace what is stored in that window (how a force-push drops commits).
   * "incremental": `commits` are the new ones since the stored cursor; they are added.
   */
  mode: "window" | "incremental";
  head: string | null;
  commits: ObservedCommit[];
  /** null = not observed this time; an array = the complete set at head (missing ones are marked removed). */
  configFiles: ObservedConfigFile[] | null;
  pullRequests: ObservedPullRequest[];
  cost: ApiCost;
  startedAt: Date;
  finishedAt: Date;
}

export interface PushRecord {
  /** Facts (upserted) or a reference to a stored repository. */
  repo: RepositoryFacts | RepositoryRef;
  installationId?: number;
  before: string;
  after: string;
  forced: boolean;
  /** The pushed default-branch commits (added; a redelivery changes nothing). */
  commits: ObservedCommit[];
  configAdded?: ObservedConfigFile[];
  configRemoved?: RemovedConfigFile[];
  receivedAt?: Date;
}

export interface PushResult {
  repoId: number;
  /**
   * True when the stored history can no longer be trusted from this push alone: a force-push, or
   * `before` is not the stored head (a missed delivery). The caller should queue a window rescan.
   */
  needsRescan: boolean;
}

/** A push the store refused, kept with its reason until an operator requeues it (`agent-census pushes --requeue`). */
export interface DeadLetteredPush {
  id: number;
  /** The repository, as "github:<host>:<id>", "url:<url>" or "name:<host>:<owner>/<name>". */
  repoKey: string;
  receivedAt: Date;
  /** Times it was tried (the delivery, then each requeue). */
  attempts: number;
  error: string | null;
  failedAt: Date;
}

/** What a requeue did: pushes applied now, and those refused again (they stay, with the new reason). */
export interface RequeueResult {
  applied: number;
  failed: number;
}

export interface ScanFailure {
  /** "error" records the failure and keeps the repository's status; the others set it. */
  status: "empty" | "gone" | "blocked" | "error";
  message: string;
  cost: ApiCost;
  tracking?: Tracking;
  startedAt?: Date;
  finishedAt?: Date;
}

export interface ScanCursor {
  /** Default-branch head at the last successful scan or contiguous push. */
  head: string | null;
  scannedAt: Date;
  /** Earliest window start covered by stored scans. */
  since: Date | null;
  /** Committer date of `head` when its commit is stored (getScanCursor only). */
  headCommittedAt?: Date | null;
}

export interface CohortInput {
  name: string;
  /** The frozen selection rule (JSON). Re-creating a cohort with a different definition is an error. */
  definition: unknown;
  members: Array<RepositoryFacts | RepositoryRef>;
  frozenAt: Date;
}

export interface RemoveInstallationResult {
  /** Repositories whose data was deleted (private ones, and public ones nothing else tracks). */
  deletedRepos: number;
  /** Repositories that stay (tracked by a cohort or another installation) but lost this link. */
  unlinkedRepos: number;
}

// ─── What publishing reads ──────────────────────────────────────────────────────────────────────

/** "YYYY-MM" (UTC). */
export type Month = string;

export type ShareScope =
  | { kind: "public" }
  | { kind: "installation"; id: number }
  | { kind: "cohort"; name: string }
  | { kind: "repos"; ids: number[] };

export interface MonthlyShareOptions {
  scope: ShareScope;
  from: Month;
  to: Month;
  /** The headline class; default "coding-agent". The other class is reported in `assistants`. */
  agentClass?: AgentClass;
}

/** count of activeRepos, its share and the 95% Wilson interval. */
export interface Proportion {
  count: number;
  /** count / activeRepos; null when there are no active repos (no data is not zero). */
  share: number | null;
  /** null with share: a month without a denominator has no interval either. */
  ci95: [number, number] | null;
}

export interface MonthlyShareRow {
  month: Month;
  /** The denominator: repos with ≥ 1 non-merge default-branch commit in the month. */
  activeRepos: number;
  /** Strong signals only (the lower bound), by channel and in any channel. */
  withAgent: { any: Proportion; commit: Proportion; pr: Proportion; config: Proportion };
  /** Strong or weak signals in any channel. */
  upperBound: Proportion;
  /** Per agent of the headline class, strong signals in any channel. */
  perAgent: Record<string, Proportion>;
  /** The other class (review assistants by default), never mixed into the headline. */
  assistants: { any: Proportion; perAgent: Record<string, Proportion> };
}

/** A stored repository: the facts a source saw, and what the store keeps about it. */
export interface RepositoryRow extends Omit<RepositoryFacts, "url"> {
  repoId: number;
  url: string | null;
  status: RepositoryStatus;
  installationIds: number[];
  cohorts: string[];
  cursor: ScanCursor | null;
}

export interface RepositoryFilter {
  installationId?: number;
  cohort?: string;
  status?: RepositoryStatus;
  visibility?: Visibility;
  host?: string;
  /** Only repos never scanned or last scanned before this (crawl scheduling). */
  scannedBefore?: Date;
  /** Keyset pagination: repoId greater than this. */
  afterRepoId?: number;
  /** Default 1000. */
  limit?: number;
}

export interface TimelineAgentMonth {
  agentClass: AgentClass;
  commits: number;
  commit: boolean;
  pr: boolean;
  config: boolean;
  /** Only weak evidence this month. */
  weakOnly: boolean;
}

export interface TimelineMonth {
  month: Month;
  /** Non-merge default-branch commits. */
  commits: number;
  /** Non-merge commits with strong evidence of a coding agent. */
  agentCommits: number;
  active: boolean;
  /** Counts for the share (active and a strong coding-agent signal). */
  agentActivity: boolean;
  agents: Record<string, TimelineAgentMonth>;
}

export interface StoredConfigFile {
  path: string;
  agent: string;
  agentClass: AgentClass;
  strength: Strength;
  addedAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  removedAt: Date | null;
}

export interface StoredPullRequest {
  number: number;
  createdAt: Date;
  mergedAt: Date | null;
  state: PullRequestState;
  headRef: string;
  authorLogin: string | null;
  agents: string[];
  evidence: Evidence[];
}

export interface StoredScan {
  startedAt: Date;
  finishedAt: Date;
  mode: "window" | "incremental" | "push" | "failure";
  since: Date | null;
  until: Date | null;
  head: string | null;
  commits: number;
  agentCommits: number;
  pullRequests: number;
  configFiles: number | null;
  cost: ApiCost;
  outcome: "ok" | "empty" | "gone" | "blocked" | "error";
  error: string | null;
}

export interface RepoTimeline {
  repository: RepositoryRow;
  /** Every month with a commit, an agent PR or a config file present, oldest first. */
  months: TimelineMonth[];
  configFiles: StoredConfigFile[];
  pullRequests: StoredPullRequest[];
  /** Most recent first (at most 50). */
  scans: StoredScan[];
}

export interface InstallationSummary {
  installationId: number;
  repositories: { total: number; public: number; private: number; byStatus: Record<RepositoryStatus, number> };
  /** Repos with any strong coding-agent signal ever, and per agent (any class). */
  reposWithAgent: number;
  perAgent: Record<string, { agentClass: AgentClass; repos: number; commits: number }>;
  lastScanAt: Date | null;
}

// ─── Crawl bookkeeping ──────────────────────────────────────────────────────────────────────────

export type CrawlKind = "crawl" | "refresh";
export type CrawlBatchState = "queued" | "done" | "failed";
/** A scan's outcome as the scans table keeps it. */
export type StoredScanOutcome = "ok" | "empty" | "gone" | "blocked" | "error";

export interface CrawlRunInput {
  cohort: string;
  kind: CrawlKind;
  /** Start of the scan window. */
  since: Date;
  startedAt: Date;
  /** Repositories per batch, in batch order (their sum is the run's repository count). */
  batches: number[];
}

export interface CrawlRun {
  runId: number;
  cohort: string;
  kind: CrawlKind;
  since: Date;
  startedAt: Date;
  repositories: number;
  batches: number;
}

export interface CrawlProgress {
  run: CrawlRun;
  /** Cohort size (a refresh enqueues only the members pushed since their last scan). */
  cohortMembers: number;
  repositories: {
    total: number;
    /** Scanned in this run with a final outcome (ok, empty, gone, blocked). */
    done: number;
    /** Only failed scans in this run so far. */
    failing: number;
  };
  batches: { total: number; done: number; failed: number; queued: number };
  /** Failed scan attempts in this run (each retry counts). */
  errors: number;
  /** The most recent failures, newest first (at most 5). */
  recentErrors: { repository: string; message: string; at: Date }[];
  /** Final-outcome scans in the last minute. */
  doneLastMinute: number;
  firstScanAt: Date | null;
  lastScanAt: Date | null;
  graphqlPoints: number;
  /** Every batch is done or failed. */
  finished: boolean;
}

export interface TokenBudget {
  /** A hash of the token (never the token). */
  tokenKey: string;
  remaining: number | null;
  limit: number | null;
  resetAt: Date | null;
  updatedAt: Date;
}

export interface CohortRecord {
  name: string;
  definition: unknown;
  frozenAt: Date;
  members: number;
}

// ─── Compaction ─────────────────────────────────────────────────────────────────────────────────

export interface CompactionOptions {
  /**
   * Commit-level facts of months that ended more than this many whole months before the month of
   * `now` are deleted (24 at `now` in 2026-12 keeps 2024-12 onwards). At least
   * `minimumCompactionMonths`: the repository badge counts the last 90 days from commit rows.
   */
  olderThanMonths: number;
  /** The reference date (default: the current time). */
  now?: Date;
  /** Repositories per transaction (default 200): each batch locks its repositories briefly. */
  batchSize?: number;
  /** Called after each batch, with the totals so far. */
  onProgress?: (progress: CompactionResult) => void;
}

export interface CompactionResult {
  /** "YYYY-MM": the months before this one were compacted. */
  before: Month;
  /** Repositories whose old commit rows were deleted in this run. */
  repositories: number;
  commits: number;
  evidence: number;
}
