// The one write of observed facts and their month aggregates. Scans, pushes and pull requests all
// come through writeFacts: commits and their evidence (one set-based statement for every
// repository written), pull requests, config files, and then ONE refresh of the derived months
// that moves the scope counters by the difference (aggregates.ts). Every fact has set semantics,
// and the months are recomputed from the facts, so writing the same observation twice changes
// nothing.

import { refreshMonths, touchedMonths, type MonthAddition, type MonthRange } from "./aggregates.js";
import { dropCommitsMissingFromWindow, upsertCommits, type CommitChanges } from "./commits.js";
import { markConfigFilesMissingAsRemoved, markConfigFilesPresent, markConfigFilesRemoved } from "./config-files.js";
import { upsertPullRequests } from "./pull-requests.js";
import type { Executor } from "./sql.js";
import type { AgentClassifier, ObservedCommit, ObservedConfigFile, ObservedPullRequest, RemovedConfigFile, ScanWindow } from "./types.js";

/** What one source observed of one repository. */
export interface FactsWrite {
  repoId: number;
  /** Default-branch commits seen (added, or refreshed when stored). */
  commits?: readonly ObservedCommit[];
  /** `commits` are ALL the commits of this window: stored ones in it that were not seen go (a force-push dropped them). */
  completeWindow?: ScanWindow;
  pullRequests?: readonly ObservedPullRequest[];
  /** Config files seen present at `seenAt`; `complete`: the whole set at head (stored ones not in it were removed then). */
  configPresent?: { files: readonly ObservedConfigFile[]; seenAt: Date; complete: boolean };
  configRemoved?: readonly RemovedConfigFile[];
  /** Recompute every month of the repository (its visibility changed), not only the months the commits touched. */
  wholeRepository?: boolean;
}

/**
 * Writes the facts of several repositories in the caller's transaction, then refreshes their
 * derived months. A write that only adds commits refreshes the months they touched (new commits
 * in an active month grow its rows without reading the month's facts); anything else recomputes
 * the repository. Returns what the commit upsert found, and which of the `ask` shas were stored before.
 */
export async function writeFacts(
  tx: Executor,
  classOf: AgentClassifier,
  writes: readonly FactsWrite[],
  ask: ReadonlyArray<{ repoId: number; sha: string }> = [],
): Promise<CommitChanges> {
  for (const write of writes) {
    if (write.completeWindow) await dropCommitsMissingFromWindow(tx, write.repoId, write.completeWindow, (write.commits ?? []).map((c) => c.sha));
  }
  const changes = await upsertCommits(
    tx,
    writes.map((write) => ({ repoId: write.repoId, commits: write.commits ?? [] })),
    classOf,
    ask,
  );
  const ranges: MonthRange[] = [];
  const additions: MonthAddition[] = [];
  for (const write of writes) {
    if (write.pullRequests?.length) await upsertPullRequests(tx, write.repoId, write.pullRequests, classOf);
    if (write.configPresent) {
      const { files, seenAt, complete } = write.configPresent;
      await markConfigFilesPresent(tx, write.repoId, files, seenAt, classOf);
      if (complete) await markConfigFilesMissingAsRemoved(tx, write.repoId, files, seenAt);
    }
    if (write.configRemoved?.length) await markConfigFilesRemoved(tx, write.repoId, write.configRemoved);
    // A config file counts in every month after it was added, a dropped commit or a pull request
    // may sit in any month, and a visibility change moves every month between scopes.
    const whole = write.wholeRepository || write.completeWindow || write.pullRequests?.length || write.configPresent?.files.length || write.configPresent?.complete || write.configRemoved?.length;
    if (whole) ranges.push({ repoId: write.repoId, from: null, to: null });
    else {
      const touched = touchedMonths(write.repoId, write.commits ?? [], changes, classOf);
      ranges.push(...touched.ranges);
      additions.push(...touched.additions);
    }
  }
  await refreshMonths(tx, ranges, additions);
  return changes;
}
