// Dating config files by the commit that added them. GraphQL history is newest-first, so we ask
// history(path:, first: 100) on HEAD for each new file in one batched query (1 request per path, so
// 100 new files cost 1 point) and take the last node. A path touched by more than 100 commits falls
// back to REST: GET /repos/{o}/{r}/commits?path=P&per_page=1&page=<totalCount> is its oldest commit.
// Only files new since the last scan are dated; renames are not followed (the date is when the file
// appeared under its current path).
//
// The oldest commit of a path's history may sit on a branch: GitHub simplifies history as
// `git log -- path` does, following the branch that wrote the file. A file counts from when it is
// on the default branch, so a second query asks which pull request brought that commit there, and
// the pull request's merge commit dates the file (a file written on 31 July and merged on 1 August
// is present from August). A commit with no merged pull request into the default branch was
// pushed there directly and dates the file itself.
import type { GitHubClient } from "./client.js";
import { errorsFor, runGraphQL } from "./graphql-call.js";
import { buildConfigDatingQuery, buildLandingQuery, datingAlias, landingAlias, type ConfigDatingTarget } from "./queries.js";
import type { ConfigFileAtHead } from "./types.js";

interface DatingNode {
  object: { history: { totalCount: number; nodes: { oid: string; committedDate: string }[] } } | null;
}

export interface DatingResult {
  dates: Map<string, ConfigFileAtHead>;
  points: number;
}

export function datingKey(target: { owner: string; name: string; path: string }): string {
  return `${target.owner}/${target.name}:${target.path}`;
}

export async function dateConfigFiles(client: GitHubClient, targets: readonly ConfigDatingTarget[], chunkSize = 100): Promise<DatingResult> {
  const dates = new Map<string, ConfigFileAtHead>();
  let points = 0;
  for (let start = 0; start < targets.length; start += chunkSize) {
    const chunk = targets.slice(start, start + chunkSize);
    const { query, variables } = buildConfigDatingQuery(chunk);
    const answer = await runGraphQL(client, query, variables, Math.max(1, Math.round(chunk.length / 100)));
    points += answer.cost;
    for (const [index, target] of chunk.entries()) {
      const alias = datingAlias(index);
      const node = answer.data[alias] as DatingNode | null | undefined;
      const history = node?.object?.history;
      const undated: ConfigFileAtHead = { path: target.path, addedSha: null, addedAt: null };
      if (!history || errorsFor(answer, alias).length > 0) {
        dates.set(datingKey(target), undated);
      } else if (history.totalCount <= history.nodes.length) {
        const oldest = history.nodes.at(-1);
        dates.set(datingKey(target), oldest ? { path: target.path, addedSha: oldest.oid, addedAt: oldest.committedDate } : undated);
      } else {
        dates.set(datingKey(target), await oldestCommitByRest(client, target, history.totalCount));
      }
    }
  }
  points += await moveToLandings(client, targets, dates, chunkSize);
  return { dates, points };
}

interface LandingNode {
  object: { associatedPullRequests?: { nodes: Array<{ mergedAt: string | null; baseRefName: string; mergeCommit: { oid: string; committedDate: string } | null }> } } | null;
}

/** Re-dates each file by the merge of the pull request that brought its adding commit to the default branch. */
async function moveToLandings(client: GitHubClient, targets: readonly ConfigDatingTarget[], dates: Map<string, ConfigFileAtHead>, chunkSize: number): Promise<number> {
  const dated = targets.flatMap((target) => {
    const date = dates.get(datingKey(target));
    return date?.addedSha && date.addedAt && target.defaultBranch ? [{ target, date, oid: date.addedSha }] : [];
  });
  let points = 0;
  for (let start = 0; start < dated.length; start += chunkSize) {
    const chunk = dated.slice(start, start + chunkSize);
    const { query, variables } = buildLandingQuery(chunk.map(({ target, oid }) => ({ owner: target.owner, name: target.name, oid })));
    const answer = await runGraphQL(client, query, variables, 1);
    points += answer.cost;
    for (const [index, { target, date }] of chunk.entries()) {
      const pulls = (answer.data[landingAlias(index)] as LandingNode | null | undefined)?.object?.associatedPullRequests?.nodes ?? [];
      const landed = pulls
        .filter((pull) => pull.mergedAt && pull.mergeCommit && pull.baseRefName === target.defaultBranch && Date.parse(pull.mergeCommit.committedDate) >= Date.parse(date.addedAt!))
        .sort((a, b) => Date.parse(a.mergeCommit!.committedDate) - Date.parse(b.mergeCommit!.committedDate))[0];
      if (landed?.mergeCommit) dates.set(datingKey(target), { path: target.path, addedSha: landed.mergeCommit.oid, addedAt: landed.mergeCommit.committedDate });
    }
  }
  return points;
}

interface RestCommit {
  sha: string;
  commit: { committer: { date: string } | null };
}

async function oldestCommitByRest(client: GitHubClient, target: ConfigDatingTarget, totalCount: number): Promise<ConfigFileAtHead> {
  try {
    const response = await client.octokit.request("GET /repos/{owner}/{repo}/commits", {
      owner: target.owner,
      repo: target.name,
      sha: target.head,
      path: target.path,
      per_page: 1,
      page: totalCount,
    });
    const oldest = (response.data as RestCommit[])[0];
    return { path: target.path, addedSha: oldest?.sha ?? null, addedAt: oldest?.commit.committer?.date ?? null };
  } catch {
    // An undated file is still reported; its date stays unknown rather than failing the scan.
    return { path: target.path, addedSha: null, addedAt: null };
  }
}
