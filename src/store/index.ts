// The store's one entry: everything other modules may use of src/store, functions and types.
// The store is the only module that writes SQL; data flows sources → detect → store → publish.
//
// Modules, by what they hold (no import cycle among them; each takes its types from types.ts):
//   types.ts            the public types
//   database.ts         opening PGlite or Postgres; migrate.ts applies migrations/
//   repositories.ts     repository rows, tracking links, renames, visibility, deletion
//   commits.ts          commits and their evidence
//   pull-requests.ts    agent pull requests and their evidence
//   config-files.ts     agent config files on the default branch
//   facts.ts            the one write of facts and month aggregates that scans, pushes and pull requests share
//   aggregates.ts       the derived per-repository-month rows; counters.ts the per-scope sums
//   scans.ts            completed and failed scans, pull requests seen alone
//   pushes.ts           pushes, in one transaction each; dead-letters.ts the ones the store refused
//   compaction.ts       deletes old months' commit facts once their aggregates hold everything
//   cohorts.ts, installations.ts, crawls.ts, share.ts, repository-reads.ts   the rest, by name

export * from "./types.js";
export * from "./errors.js";
export { openDatabase } from "./database.js";
export { migrate, migrationsFolder } from "./migrate.js";
export { recordScan, recordScanFailure, recordPullRequests } from "./scans.js";
export { acceptPush, pushStatus, recordPush, requeueDeadLetters } from "./pushes.js";
export { deadLetteredPushes } from "./dead-letters.js";
export { markRepositoryDeleted, renameRepository, setVisibility } from "./repositories.js";
export { removeInstallation, installationSummary } from "./installations.js";
export * from "./cohorts.js";
export { rebuildCounters } from "./counters.js";
export { compactCommitFacts, compactionCutoff, minimumCompactionMonths } from "./compaction.js";
export { monthlyShare } from "./share.js";
export { getScanCursor, listRepositories, repoTimeline } from "./repository-reads.js";
export * from "./crawls.js";
/** 95% (by default) Wilson score interval for k successes out of n; n = 0 gives [0, 1]. Pure, so publishing uses it too. */
export { proportion, wilsonInterval } from "./statistics.js";
// Publishing's reads: paired months for --compare, the audit's samples and verdicts, and the
// adoption measures (first seen, retention, intensity).
export * from "./paired-months.js";
export * from "./audit.js";
export * from "./adoption-measures.js";
