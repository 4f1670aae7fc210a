// The store's public contract: what sources write and what publishing reads.
// Other modules code against these types and signatures; changes here are additive only.
//
// Data flows one way (sources → detect → store → publish). The store never knows an agent's
// name: it stores agent ids and the class (coding agent or review assistant) that the caller's
// classifier gives each id at write time (see OpenDatabaseOptions.classOf).

import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { AgentClass, Evidence, Strength } from "../detect/types.js";
import { addCohortMembersImpl, createCohortImpl } from "./cohorts.js";
import { openDatabaseImpl } from "./database.js";
import { installationSummaryImpl, removeInstallationImpl } from "./installations.js";
import { rebuildCountersImpl } from "./counters.js";
import { migrateImpl } from "./migrate.js";
import { getScanCursorImpl, listRepositoriesImpl, repoTimelineImpl } from "./repository-reads.js";
import { markRepositoryDeletedImpl, renameRepositoryImpl, setVisibilityImpl } from "./repository-writes.js";
import { monthlyShareImpl } from "./share.js";
import { recordPullRequestsImpl, recordPushImpl, recordScanFailureImpl, recordScanImpl } from "./writes.js";
import { pushInboxOf, type PushApplier, type PushDrainResult, type PushInboxOptions } from "./push-applier.js";
import type { PushSpool } from "./push-spool.js";
import { deadLetteredPushesImpl, requeueDeadLettersImpl, type DeadLetteredPush, type PushInboxStatus } from "./push-inbox.js";

export type { AgentClass, Evidence, EvidenceKind, Strength } from "../detect/types.js";
export type { PushApplier, PushDrainResult, PushInboxOptions } from "./push-applier.js";
export type { AppliedPush, DeadLetteredPush, PushInboxStatus } from "./push-inbox.js";

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
  /** PGlite only: where acknowledged pushes wait before their import into the push inbox (push-spool.ts). */
  pushSpool?: PushSpool;
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

export interface RepositoryRow {
  repoId: number;
  githubId: number | null;
  host: string;
  owner: string;
  name: string;
  url: string | null;
  visibility: Visibility;
  fork: boolean;
  archived: boolean;
  stars: number;
  language: string | null;
  createdAt: Date | null;
  pushedAt: Date | null;
  defaultBranch: string | null;
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

// ─── Functions ───────────────────────────────────────────────────────────────────────────────────
// Bodies delegate to the modules that implement them; the signatures here are the contract.

/** Opens the store: node-postgres when `url` is given, else PGlite in `dataDir`. Does not migrate. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  return openDatabaseImpl(options);
}

/** Applies the drizzle-kit migrations in `migrations/` (idempotent; safe on every boot). */
export async function migrate(database: Database): Promise<void> {
  return migrateImpl(database);
}

/** Records a completed scan in one transaction; recording it again changes nothing. */
export async function recordScan(database: Database, scan: ScanRecord): Promise<{ repoId: number }> {
  return recordScanImpl(database, scan);
}

/**
 * Records a push (additive); a redelivery changes nothing. Pushes arriving together are written
 * in one transaction (group commit); the promise settles only once that transaction committed,
 * and rejects, with nothing of the push stored, when it could not be written.
 */
export async function recordPush(database: Database, push: PushRecord): Promise<PushResult> {
  return recordPushImpl(database, push);
}

/**
 * Accepts a webhook's push and settles once it is durable, so the delivery may be answered: on
 * Postgres appended to the push inbox (the pushes waiting at one moment in one INSERT, one
 * transaction), on PGlite written to the push spool (push-spool.ts) and imported later. It
 * rejects, with nothing stored, when that write failed. The push takes effect when an applier
 * drains the inbox (startPushApplier, drainPushInbox): reads lag a burst by the drain time. While
 * the backlog is at its bound, the call first applies pushes itself.
 */
export async function acceptPush(database: Database, push: PushRecord): Promise<void> {
  return pushInboxOf(database).accept(push);
}

/** Settings of this database's push inbox (listener, attempts, bound, batch size, priority). */
export function configurePushInbox(database: Database, options: PushInboxOptions): void {
  pushInboxOf(database).configure(options);
}

/**
 * Applies every push waiting in the inbox now (rows held by another applier, or waiting for a
 * retry, excepted), in batches; each batch is applied and deleted from the inbox in one transaction.
 */
export async function drainPushInbox(database: Database): Promise<PushDrainResult> {
  return pushInboxOf(database).drainAll();
}

/**
 * Applies the inbox in the background: first what a previous process left, then new pushes when
 * deliveries pause (and at least every maxDelayMs). Any number of processes may run one on Postgres.
 */
export function startPushApplier(database: Database, options: PushInboxOptions = {}): PushApplier {
  const inbox = pushInboxOf(database);
  inbox.configure(options);
  return inbox.start();
}

/** The inbox's backlog and dead letters. */
export async function pushInboxStatus(database: Database): Promise<PushInboxStatus> {
  return pushInboxOf(database).status();
}

/** Pushes that failed every attempt, with their last error (oldest first). */
export async function deadLetteredPushes(database: Database, limit?: number): Promise<DeadLetteredPush[]> {
  return deadLetteredPushesImpl(database, limit);
}

/** Dead letters (all, or these ids) become waiting pushes again, attempts reset; returns how many. */
export async function requeueDeadLetters(database: Database, ids?: readonly number[]): Promise<number> {
  return requeueDeadLettersImpl(database, ids);
}

/** Upserts agent pull requests (keyed by number); each given pull request's evidence is replaced. */
export async function recordPullRequests(
  database: Database,
  repo: RepositoryFacts | RepositoryRef,
  pullRequests: ObservedPullRequest[],
  tracking?: Tracking,
): Promise<{ repoId: number }> {
  return recordPullRequestsImpl(database, repo, pullRequests, tracking);
}

/** Records a failed scan; keeps everything stored and sets the repository status unless "error". */
export async function recordScanFailure(
  database: Database,
  repo: RepositoryFacts | RepositoryRef,
  failure: ScanFailure,
): Promise<{ repoId: number }> {
  return recordScanFailureImpl(database, repo, failure);
}

/** A rename or transfer: same repository, same history, new owner/name. */
export async function renameRepository(
  database: Database,
  repo: RepositoryRef,
  to: { owner: string; name: string; url?: string | null },
): Promise<void> {
  return renameRepositoryImpl(database, repo, to);
}

/** Visibility changed (e.g. the `repository.publicized` / `privatized` webhooks). */
export async function setVisibility(database: Database, repo: RepositoryRef, visibility: Visibility): Promise<void> {
  return setVisibilityImpl(database, repo, visibility);
}

/** The repository was deleted upstream: status "gone", history kept. */
export async function markRepositoryDeleted(database: Database, repo: RepositoryRef): Promise<void> {
  return markRepositoryDeletedImpl(database, repo);
}

/**
 * The app was uninstalled (no ids) or repositories were removed from it (GitHub ids): deletes
 * those repositories' data when private, and when public unless a cohort or another
 * installation still tracks them.
 */
export async function removeInstallation(
  database: Database,
  installationId: number,
  repoGithubIds?: number[],
): Promise<RemoveInstallationResult> {
  return removeInstallationImpl(database, installationId, repoGithubIds);
}

/**
 * Creates a frozen cohort, or adds members to an existing one with the same definition
 * (idempotent). A different definition under the same name throws CohortDefinitionConflictError.
 */
export async function createCohort(database: Database, cohort: CohortInput): Promise<{ cohortId: number; members: number }> {
  return createCohortImpl(database, cohort);
}

/** Adds members to an existing cohort (set semantics; the crawler discovers them page by page). */
export async function addCohortMembers(
  database: Database,
  name: string,
  members: Array<RepositoryFacts | RepositoryRef>,
): Promise<{ members: number }> {
  return addCohortMembersImpl(database, name, members);
}

/** The cursor that makes the next scan incremental; null when never scanned (or unknown repo). */
export async function getScanCursor(database: Database, repo: RepositoryRef): Promise<ScanCursor | null> {
  return getScanCursorImpl(database, repo);
}

/**
 * Recounts the public and cohort counters from the derived per-month rows. Writes keep them in
 * step on their own; this is for after a bulk load (the synthetic seeder) or as a repair.
 */
export async function rebuildCounters(database: Database): Promise<void> {
  return rebuildCountersImpl(database);
}

/** Month-by-month share of active repos with agent activity (PRODUCT.md definitions). */
export async function monthlyShare(database: Database, options: MonthlyShareOptions): Promise<MonthlyShareRow[]> {
  return monthlyShareImpl(database, options);
}

/** One repository's months, config files, agent pull requests and recent scans. */
export async function repoTimeline(database: Database, repo: RepositoryRef): Promise<RepoTimeline | null> {
  return repoTimelineImpl(database, repo);
}

/** Counts for one installation's org report. */
export async function installationSummary(database: Database, installationId: number): Promise<InstallationSummary> {
  return installationSummaryImpl(database, installationId);
}

/** Stored repositories matching the filter, ordered by repoId. */
export async function listRepositories(database: Database, filter: RepositoryFilter = {}): Promise<RepositoryRow[]> {
  return listRepositoriesImpl(database, filter);
}

/**
 * 95% (by default) Wilson score interval for k successes out of n. n = 0 gives [0, 1].
 * Pure; lives in ./statistics.ts so publishing can use it too.
 */
export { wilsonInterval, proportion } from "./statistics.js";
