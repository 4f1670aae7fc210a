// Turns source output into what the store records: each commit, path and pull request goes
// through the pure detector here, so sources never decide what is an agent and the store
// never sees a message body or an address.
import { classifyCommit, classifyPaths, classifyPullRequest, type ClassifyPathsOptions } from "../detect/index.js";
import type { CommitInput, PullRequestInput } from "../detect/types.js";
import type { ObservedCommit, ObservedConfigFile, ObservedPullRequest, PullRequestState } from "../store/index.js";

// Without parent counts (the GitHub backend skips them: they cost ~1 point per 100 commits),
// GitHub's and git's own merge subjects tell merge commits apart well enough.
const MERGE_SUBJECT = /^Merge (?:pull request #\d+|branch '|branch "|remote-tracking branch |tag '|commit ')/;

export function isMergeCommit(commit: CommitInput, parentsKnown = true): boolean {
  if (parentsKnown) return commit.parents.length > 1;
  return MERGE_SUBJECT.test(commit.message);
}

// Most commits carry no evidence: they share one empty list instead of holding one each.
const NO_EVIDENCE: ObservedCommit["evidence"] = [];

export function observeCommit(commit: CommitInput, parentsKnown = true): ObservedCommit {
  const verdict = classifyCommit(commit);
  return {
    sha: detached(commit.sha),
    committedAt: new Date(commit.committer.date),
    isMerge: isMergeCommit(commit, parentsKnown),
    evidence: verdict.evidence.length === 0 ? NO_EVIDENCE : verdict.evidence.map((evidence) => ({ ...evidence, matched: detached(evidence.matched) })),
  };
}

/**
 * A copy of `text` that does not keep the string it was cut from alive. V8 represents a long
 * substring as a view into its parent: a sha or a matched trailer kept for the store would
 * otherwise hold the whole decoded git output (or API response) it came from until the scan ends.
 * Concatenating flattens into a new string; the slice then only views that.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

export interface DatedPath {
  path: string;
  addedAt: string | Date | null;
  addedSha?: string | null;
}

/**
 * Config files among the given paths, one per (path, agent), dated by their adding commit. The
 * repository's .gitattributes, when known, marks more trees as vendored or generated.
 */
export function observeConfigFiles(paths: readonly DatedPath[], options: ClassifyPathsOptions = {}): ObservedConfigFile[] {
  const byPath = new Map(paths.map((entry) => [entry.path, entry]));
  return classifyPaths(byPath.keys(), options).evidence.map((evidence) => {
    const dated = byPath.get(evidence.matched);
    return {
      path: evidence.matched,
      agent: evidence.agent,
      strength: evidence.strength,
      addedAt: dated?.addedAt ? new Date(dated.addedAt) : null,
      addedSha: dated?.addedSha ?? null,
      ...(evidence.signal === undefined ? {} : { signal: evidence.signal }),
    };
  });
}

function pullRequestState(pullRequest: PullRequestInput & { state?: string | null }): PullRequestState {
  if (pullRequest.mergedAt) return "merged";
  return pullRequest.state?.toLowerCase() === "closed" ? "closed" : "open";
}

/** Agent pull requests only; a person's login is never kept. */
export function observePullRequests(pullRequests: readonly (PullRequestInput & { state?: string | null })[]): ObservedPullRequest[] {
  const observed: ObservedPullRequest[] = [];
  for (const pullRequest of pullRequests) {
    const verdict = classifyPullRequest(pullRequest);
    if (verdict.evidence.length === 0) continue;
    const byAuthor = verdict.evidence.some((e) => e.kind === "pr-author");
    observed.push({
      number: pullRequest.number,
      createdAt: new Date(pullRequest.createdAt),
      mergedAt: pullRequest.mergedAt ? new Date(pullRequest.mergedAt) : null,
      state: pullRequestState(pullRequest),
      headRef: pullRequest.headRef,
      authorLogin: byAuthor ? pullRequest.authorLogin : null,
      evidence: verdict.evidence,
    });
  }
  return observed;
}
