// Dating config files by the commit that added them. GraphQL history is newest-first, so we ask
// history(path:, first: 100) on HEAD for each new file in one batched query (1 request per path, so
// 100 new files cost 1 point) and take the last node. A path touched by more than 100 commits falls
// back to REST: GET /repos/{o}/{r}/commits?path=P&per_page=1&page=<totalCount> is its oldest commit.
// Only files new since the last scan are dated; renames are not followed (the date is when the file
// appeared under its current path).
import type { GitHubClient } from "./client.js";
import { errorsFor, runGraphQL } from "./graphql-call.js";
import { buildConfigDatingQuery, datingAlias, type ConfigDatingTarget } from "./queries.js";
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
  return { dates, points };
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
