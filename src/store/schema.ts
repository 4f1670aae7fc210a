// The store's tables, read top to bottom like the database diagram.
//
// Facts (set-semantic, what sources observed) come first; the derived per-(repo, month) tables
// at the end are recomputed from the facts for the touched repository inside every write's
// transaction, which is what makes every write idempotent. Months before a repository's
// compacted_before keep only their derived rows (compaction.ts).
//
// Deliberately absent: pgEnum and foreign keys. drizzle-kit qualifies both with "public." in the
// generated SQL, which would break the per-schema isolation tests and tenants rely on. Enumerated
// columns are text with CHECK constraints; cascades are explicit in the delete paths.

import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// ─── Repositories and how they are tracked ──────────────────────────────────────────────────────

export const repositories = pgTable(
  "repositories",
  {
    id: serial("id").primaryKey(),
    /** GitHub's stable id: a rename or transfer keeps the row. Null for a plain git repository. */
    githubId: bigint("github_id", { mode: "number" }),
    host: text("host").notNull(),
    owner: text("owner").notNull(),
    name: text("name").notNull(),
    url: text("url"),
    visibility: text("visibility").notNull(),
    fork: boolean("fork").notNull().default(false),
    archived: boolean("archived").notNull().default(false),
    stars: integer("stars").notNull().default(0),
    language: text("language"),
    createdAt: at("created_at"),
    pushedAt: at("pushed_at"),
    defaultBranch: text("default_branch"),
    status: text("status").notNull().default("active"),
    // The scan cursor: what makes the next scan incremental.
    head: text("head"),
    scannedAt: at("scanned_at"),
    coveredSince: at("covered_since"),
    /** Set by a force-push or a missed push; cleared by the next window scan. */
    needsRescan: boolean("needs_rescan").notNull().default(false),
    /**
     * Months before this one ("YYYY-MM-01") were compacted (compaction.ts): their commit rows are
     * gone and their derived rows are final. No write recomputes them, and commits dated in them are
     * not stored again. Null: nothing compacted.
     */
    compactedBefore: date("compacted_before", { mode: "string" }),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("repositories_github_key").on(t.host, t.githubId).where(sql`github_id IS NOT NULL`),
    uniqueIndex("repositories_url_key").on(t.url).where(sql`github_id IS NULL`),
    index("repositories_full_name").on(sql`lower(${t.owner})`, sql`lower(${t.name})`),
    check("repositories_visibility", sql`${t.visibility} IN ('public', 'private', 'internal')`),
    check("repositories_status", sql`${t.status} IN ('active', 'empty', 'gone', 'blocked')`),
  ],
);

export const installationRepositories = pgTable(
  "installation_repositories",
  {
    installationId: bigint("installation_id", { mode: "number" }).notNull(),
    repoId: integer("repo_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.installationId, t.repoId] }), index("installation_repositories_repo").on(t.repoId)],
);

export const cohorts = pgTable("cohorts", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  /** The frozen selection rule. */
  definition: jsonb("definition").notNull(),
  frozenAt: at("frozen_at").notNull(),
  createdAt: at("created_at").notNull().defaultNow(),
});

export const cohortMembers = pgTable(
  "cohort_members",
  {
    cohortId: integer("cohort_id").notNull(),
    repoId: integer("repo_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.repoId] }), index("cohort_members_repo").on(t.repoId)],
);

// ─── Facts ──────────────────────────────────────────────────────────────────────────────────────

/** Default-branch commits: sha and committer date only (never the message, never an email). */
export const commits = pgTable(
  "commits",
  {
    repoId: integer("repo_id").notNull(),
    sha: text("sha").notNull(),
    committedAt: at("committed_at").notNull(),
    isMerge: boolean("is_merge").notNull(),
  },
  (t) => [primaryKey({ columns: [t.repoId, t.sha] }), index("commits_repo_date").on(t.repoId, t.committedAt)],
);

export const commitEvidence = pgTable(
  "commit_evidence",
  {
    repoId: integer("repo_id").notNull(),
    sha: text("sha").notNull(),
    agent: text("agent").notNull(),
    agentClass: text("agent_class").notNull(),
    kind: text("kind").notNull(),
    strength: text("strength").notNull(),
    /** The matched marker (a trailer, a bot login), capped at 200 characters. */
    matched: text("matched").notNull(),
    /** The catalog signal that matched (`agent/kind/key`); null on rows written before ids existed. */
    signal: text("signal"),
  },
  (t) => [primaryKey({ columns: [t.repoId, t.sha, t.agent, t.kind] })],
);

/** Pull requests with agent evidence only. */
export const pullRequests = pgTable(
  "pull_requests",
  {
    repoId: integer("repo_id").notNull(),
    number: integer("number").notNull(),
    createdAt: at("created_at").notNull(),
    mergedAt: at("merged_at"),
    state: text("state").notNull(),
    headRef: text("head_ref").notNull(),
    /** Only a bot or agent login; a person's login is never stored. */
    authorLogin: text("author_login"),
  },
  (t) => [primaryKey({ columns: [t.repoId, t.number] })],
);

export const pullRequestEvidence = pgTable(
  "pull_request_evidence",
  {
    repoId: integer("repo_id").notNull(),
    number: integer("number").notNull(),
    agent: text("agent").notNull(),
    agentClass: text("agent_class").notNull(),
    kind: text("kind").notNull(),
    strength: text("strength").notNull(),
    matched: text("matched").notNull(),
    /** The catalog signal that matched; null on rows written before ids existed. */
    signal: text("signal"),
  },
  (t) => [primaryKey({ columns: [t.repoId, t.number, t.agent, t.kind] })],
);

export const configFiles = pgTable(
  "config_files",
  {
    repoId: integer("repo_id").notNull(),
    path: text("path").notNull(),
    agent: text("agent").notNull(),
    agentClass: text("agent_class").notNull(),
    strength: text("strength").notNull(),
    /** Committer date of the adding commit, where known. */
    addedAt: at("added_at"),
    addedSha: text("added_sha"),
    firstSeenAt: at("first_seen_at").notNull(),
    lastSeenAt: at("last_seen_at").notNull(),
    removedAt: at("removed_at"),
    /** The catalog signal that matched the path; null on rows written before ids existed. */
    signal: text("signal"),
  },
  (t) => [primaryKey({ columns: [t.repoId, t.path, t.agent] })],
);

export const scans = pgTable(
  "scans",
  {
    id: serial("id").primaryKey(),
    repoId: integer("repo_id").notNull(),
    startedAt: at("started_at").notNull(),
    finishedAt: at("finished_at").notNull(),
    mode: text("mode").notNull(),
    since: at("since"),
    until: at("until"),
    head: text("head"),
    commits: integer("commits").notNull().default(0),
    agentCommits: integer("agent_commits").notNull().default(0),
    pullRequests: integer("pull_requests").notNull().default(0),
    configFiles: integer("config_files"),
    graphqlPoints: integer("graphql_points").notNull().default(0),
    httpRequests: integer("http_requests").notNull().default(0),
    outcome: text("outcome").notNull(),
    error: text("error"),
  },
  (t) => [index("scans_repo_started").on(t.repoId, t.startedAt)],
);

// ─── Pushes the store refused ───────────────────────────────────────────────────────────────────

/**
 * A push delivery the store refused (its transaction failed), kept with the reason so an operator
 * can requeue it once the cause is fixed (`agent-census pushes --requeue`); the delivery itself was
 * answered as failed. `push` holds only what the facts keep anyway (repository facts, shas, dates,
 * agent ids, evidence kinds and matched markers, config paths): never a message or an email.
 */
export const pushDeadLetters = pgTable("push_dead_letters", {
  /** Arrival order: a requeue writes them oldest first. */
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** The repository, whichever way the push named it. */
  repoKey: text("repo_key").notNull(),
  push: json("push").notNull(),
  receivedAt: at("received_at").notNull().defaultNow(),
  /** Times it was refused (the delivery, then each requeue). */
  attempts: integer("attempts").notNull().default(1),
  lastError: text("last_error"),
  failedAt: at("failed_at").notNull().defaultNow(),
});

// ─── Derived (recomputed per repository from the facts) ─────────────────────────────────────────

/**
 * One row per repository and ACTIVE month (≥ 1 non-merge default-branch commit). Narrow on
 * purpose: the monthly share over a million repositories scans this table. "coding_*" are strong
 * coding-agent signals by channel, "*_upper" adds weak signals; "assistant_*" the same for
 * review assistants. is_public is copied from the repository so the public report needs no join.
 */
export const repoMonths = pgTable(
  "repo_months",
  {
    repoId: integer("repo_id").notNull(),
    month: date("month", { mode: "string" }).notNull(),
    isPublic: boolean("is_public").notNull(),
    commits: integer("commits").notNull(),
    agentCommits: integer("agent_commits").notNull(),
    codingCommit: boolean("coding_commit").notNull(),
    codingPr: boolean("coding_pr").notNull(),
    codingConfig: boolean("coding_config").notNull(),
    codingUpper: boolean("coding_upper").notNull(),
    assistantCommit: boolean("assistant_commit").notNull(),
    assistantPr: boolean("assistant_pr").notNull(),
    assistantConfig: boolean("assistant_config").notNull(),
    assistantUpper: boolean("assistant_upper").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.repoId, t.month] }),
    index("repo_months_month").on(t.month, t.isPublic),
    // Agent rows only, in repository order with what first seen, retention and intensity read
    // (adoption-measures.ts): an index-only scan of ~1.2M entries instead of 6.6M rows at 1M repositories.
    // (drizzle-kit writes no INCLUDE: the read columns are trailing key columns instead.)
    index("repo_months_agent")
      .on(t.repoId, t.month, t.isPublic, t.commits, t.agentCommits)
      .where(sql`${t.codingCommit} OR ${t.codingPr} OR ${t.codingConfig}`),
  ],
);

/** One row per repository, active month and agent with any signal that month. */
export const repoMonthAgents = pgTable(
  "repo_month_agents",
  {
    repoId: integer("repo_id").notNull(),
    month: date("month", { mode: "string" }).notNull(),
    agent: text("agent").notNull(),
    agentClass: text("agent_class").notNull(),
    isPublic: boolean("is_public").notNull(),
    /** Non-merge commits with strong evidence of this agent. */
    commits: integer("commits").notNull(),
    viaCommit: boolean("via_commit").notNull(),
    viaPr: boolean("via_pr").notNull(),
    viaConfig: boolean("via_config").notNull(),
    /** Any weak evidence of this agent this month. */
    weak: boolean("weak").notNull(),
  },
  (t) => [primaryKey({ columns: [t.repoId, t.month, t.agent] }), index("repo_month_agents_month").on(t.month, t.isPublic)],
);

// ─── Counters (kept in step with the derived tables, for the sub-second share) ──────────────────

/**
 * Sums of repo_months per scope ("public", or "cohort:<id>" counting its public members), month
 * and shard (repo_id % 16, so concurrent writers rarely wait on the same row). Every change to
 * repo_months, visibility or cohort membership applies its net difference in the same
 * transaction; the share over a million repositories then reads a few hundred rows.
 */
export const monthCounts = pgTable(
  "month_counts",
  {
    scope: text("scope").notNull(),
    month: date("month", { mode: "string" }).notNull(),
    shard: integer("shard").notNull(),
    active: integer("active").notNull(),
    codingAny: integer("coding_any").notNull(),
    codingCommit: integer("coding_commit").notNull(),
    codingPr: integer("coding_pr").notNull(),
    codingConfig: integer("coding_config").notNull(),
    codingUpper: integer("coding_upper").notNull(),
    assistantAny: integer("assistant_any").notNull(),
    assistantCommit: integer("assistant_commit").notNull(),
    assistantPr: integer("assistant_pr").notNull(),
    assistantConfig: integer("assistant_config").notNull(),
    assistantUpper: integer("assistant_upper").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.month, t.shard] })],
);

/** Per scope, month, shard and agent: repos with a strong signal of that agent (repo_month_agents). */
export const monthAgentCounts = pgTable(
  "month_agent_counts",
  {
    scope: text("scope").notNull(),
    month: date("month", { mode: "string" }).notNull(),
    shard: integer("shard").notNull(),
    agent: text("agent").notNull(),
    agentClass: text("agent_class").notNull(),
    repos: integer("repos").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.month, t.shard, t.agent] })],
);

// ─── Crawls (src/jobs): runs, their batches, and the token budgets every worker shares ──────────

/** One crawl or refresh of a cohort. Its batches are queue jobs; its progress is read from scans. */
export const crawlRuns = pgTable(
  "crawl_runs",
  {
    id: serial("id").primaryKey(),
    cohort: text("cohort").notNull(),
    kind: text("kind").notNull(),
    /** Start of the scan window. */
    since: at("since").notNull(),
    /** Scans started since then belong to the run (a redelivered job skips what they cover). */
    startedAt: at("started_at").notNull(),
    repositories: integer("repositories").notNull(),
    batches: integer("batches").notNull(),
  },
  (t) => [index("crawl_runs_cohort").on(t.cohort, t.startedAt), check("crawl_runs_kind", sql`${t.kind} IN ('crawl', 'refresh')`)],
);

/** One queue job of a run: done, or failed (dead-lettered) with the reason. */
export const crawlBatches = pgTable(
  "crawl_batches",
  {
    runId: integer("run_id").notNull(),
    batch: integer("batch").notNull(),
    repositories: integer("repositories").notNull(),
    state: text("state").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.batch] }), check("crawl_batches_state", sql`${t.state} IN ('queued', 'done', 'failed')`)],
);

/** The last GraphQL budget reading of each token, keyed by a hash of it (never the token). */
export const tokenBudgets = pgTable("token_budgets", {
  tokenKey: text("token_key").primaryKey(),
  remaining: integer("remaining"),
  limit: integer("limit"),
  resetAt: at("reset_at"),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

// ─── Audit (src/store/audit.ts): people's verdicts on sampled evidence, for per-signal precision ──

/**
 * One reviewed piece of evidence: the signal, where it was found (a commit sha, a pull request
 * number or a config path in a repository) and whether a person judged the match correct.
 * Importing the same review again replaces its verdict.
 */
export const signalReviews = pgTable(
  "signal_reviews",
  {
    signal: text("signal").notNull(),
    repoId: integer("repo_id").notNull(),
    channel: text("channel").notNull(),
    /** The commit sha, the pull request number or the config file's path. */
    ref: text("ref").notNull(),
    agent: text("agent").notNull(),
    matched: text("matched").notNull(),
    correct: boolean("correct").notNull(),
    reviewedAt: at("reviewed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.signal, t.repoId, t.channel, t.ref] }), check("signal_reviews_channel", sql`${t.channel} IN ('commit', 'pr', 'config')`)],
);
