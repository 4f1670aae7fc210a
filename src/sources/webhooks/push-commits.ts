// The commits of a push, as the detector reads them. The payload carries each commit's message,
// author and committer (name, email, GitHub username) and its added/removed paths, but no
// parents and one timestamp: merges are told apart by their subject, and the timestamp stands
// in for the committer date. When a push is larger than the payload holds, the compare API gives
// the rest (with parents).
import { classifyPaths } from "../../detect/index.js";
import type { CommitInput } from "../../detect/types.js";
import { observeCommit, observeConfigFiles, type DatedPath } from "../../scan/observe.js";
import type { ObservedCommit, ObservedConfigFile, RemovedConfigFile } from "../../store/index.js";
import type { OctokitLike } from "../github/index.js";

/** GitHub puts at most this many commits in a push payload; a push that fills it may have more. */
export const PUSH_PAYLOAD_COMMIT_CAP = 2048;
/** Compare API pages fetched at most (100 commits each); a push beyond that is left to a rescan. */
export const MAX_COMPARE_PAGES = 50;

export interface PayloadCommit {
  id: string;
  message: string;
  timestamp: string;
  author: { name: string; email: string | null; username?: string };
  committer: { name: string; email: string | null; username?: string };
  added?: string[];
  removed?: string[];
}

export interface PushedChanges {
  commits: ObservedCommit[];
  configAdded: ObservedConfigFile[];
  configRemoved: RemovedConfigFile[];
  /** The compare API could not list the whole push: only a window rescan sees all of it. */
  incomplete: boolean;
  /** Every path the push added or removed (to notice a changed org config file). */
  touchedPaths: Set<string>;
}

function payloadCommitInput(commit: PayloadCommit): CommitInput {
  return {
    sha: commit.id,
    parents: [],
    author: { name: commit.author.name, email: commit.author.email ?? "", date: commit.timestamp, login: commit.author.username ?? null },
    committer: { name: commit.committer.name, email: commit.committer.email ?? "", date: commit.timestamp, login: commit.committer.username ?? null },
    message: commit.message,
  };
}

/** Folds path changes in push order: a file added then removed in one push ends removed. */
class ConfigChanges {
  readonly latest = new Map<string, { change: "added" | "removed"; at: string; sha: string }>();

  add(paths: readonly string[] | undefined, change: "added" | "removed", at: string, sha: string): void {
    for (const path of paths ?? []) this.latest.set(path, { change, at, sha });
  }

  result(): Pick<PushedChanges, "configAdded" | "configRemoved" | "touchedPaths"> {
    const added: DatedPath[] = [];
    const removed = new Map<string, string>();
    for (const [path, { change, at, sha }] of this.latest) {
      if (change === "added") added.push({ path, addedAt: at, addedSha: sha });
      else removed.set(path, at);
    }
    const removedConfig = new Set(classifyPaths(removed.keys()).evidence.map((evidence) => evidence.matched));
    return {
      configAdded: observeConfigFiles(added),
      configRemoved: [...removedConfig].map((path) => ({ path, removedAt: new Date(removed.get(path) ?? Date.now()) })),
      touchedPaths: new Set(this.latest.keys()),
    };
  }
}

/** The push as the payload tells it; no API call. */
export function changesFromPayload(commits: readonly PayloadCommit[]): PushedChanges {
  const config = new ConfigChanges();
  for (const commit of commits) {
    config.add(commit.added, "added", commit.timestamp, commit.id);
    config.add(commit.removed, "removed", commit.timestamp, commit.id);
  }
  return { commits: commits.map((commit) => observeCommit(payloadCommitInput(commit), false)), ...config.result(), incomplete: false };
}

interface ComparePerson {
  name?: string | null;
  email?: string | null;
  date?: string;
}

interface CompareCommit {
  sha: string;
  parents: Array<{ sha: string }>;
  commit: { message: string; author: ComparePerson | null; committer: ComparePerson | null };
  author: { login?: string } | null;
  committer: { login?: string } | null;
}

interface CompareAnswer {
  total_commits: number;
  commits: CompareCommit[];
  files?: Array<{ filename: string; status: string; previous_filename?: string }>;
}

function compareCommitInput(commit: CompareCommit): CommitInput {
  const person = (who: ComparePerson | null, login: string | undefined) => ({
    name: who?.name ?? "",
    email: who?.email ?? "",
    date: who?.date ?? new Date(0).toISOString(),
    login: login ?? null,
  });
  return {
    sha: commit.sha,
    parents: commit.parents.map((parent) => parent.sha),
    author: person(commit.commit.author, commit.author?.login),
    committer: person(commit.commit.committer, commit.committer?.login),
    message: commit.commit.message,
  };
}

/** The whole push from the compare API (`before...after`), for pushes the payload cannot hold. */
export async function changesFromCompare(octokit: OctokitLike, owner: string, repo: string, before: string, after: string): Promise<PushedChanges> {
  const commits: CommitInput[] = [];
  const config = new ConfigChanges();
  let total = Number.POSITIVE_INFINITY;
  let page = 1;
  for (; page <= MAX_COMPARE_PAGES && commits.length < total; page++) {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/compare/{basehead}", { owner, repo, basehead: `${before}...${after}`, per_page: 100, page });
    const answer = data as CompareAnswer;
    total = answer.total_commits;
    if (page === 1) {
      // The aggregate file list (first page only): dated by the push's head commit.
      const head = answer.commits.at(-1);
      const at = head?.commit.committer?.date ?? new Date().toISOString();
      for (const file of answer.files ?? []) {
        if (file.status === "added") config.add([file.filename], "added", at, after);
        else if (file.status === "removed") config.add([file.filename], "removed", at, after);
        else if (file.status === "renamed") {
          config.add(file.previous_filename ? [file.previous_filename] : [], "removed", at, after);
          config.add([file.filename], "added", at, after);
        }
      }
    }
    if (answer.commits.length === 0) break;
    commits.push(...answer.commits.map(compareCommitInput));
  }
  return { commits: commits.map((commit) => observeCommit(commit, true)), ...config.result(), incomplete: commits.length < total };
}
