// One PUBLIC repository: its timeline, agents, config files and agent pull requests. A private
// repository and an unknown one both give null, so callers answer both with the same 404.

import { repoTimeline, type Database, type StoredConfigFile, type StoredPullRequest, type TimelineMonth } from "../../store/index.js";
import { agentCommitShare, findPublicRepositoryId, type AgentCommitShare } from "../read/public-repositories.js";

export interface PublicRepository {
  host: string;
  owner: string;
  name: string;
  url: string | null;
  fork: boolean;
  archived: boolean;
  stars: number;
  language: string | null;
  defaultBranch: string | null;
  status: string;
  cohorts: string[];
  lastScannedAt: string | null;
}

export interface RepositoryView {
  repository: PublicRepository;
  months: TimelineMonth[];
  configFiles: StoredConfigFile[];
  pullRequests: Array<Omit<StoredPullRequest, "evidence">>;
  /** The badge's figure: agent-commit share over the 90 days before `now`. */
  last90Days: AgentCommitShare;
}

const dayMs = 24 * 60 * 60 * 1000;

export async function repositoryView(database: Database, owner: string, name: string, now: Date, host = "github.com"): Promise<RepositoryView | null> {
  const repoId = await findPublicRepositoryId(database, owner, name, host);
  if (repoId === null) return null;
  const timeline = await repoTimeline(database, { repoId });
  // Re-checked on the row itself: visibility could change between the two reads.
  if (!timeline || timeline.repository.visibility !== "public") return null;
  const r = timeline.repository;
  return {
    // Installation ids and scan details are the operator's business, not the public's.
    repository: {
      host: r.host,
      owner: r.owner,
      name: r.name,
      url: r.url,
      fork: r.fork,
      archived: r.archived,
      stars: r.stars,
      language: r.language,
      defaultBranch: r.defaultBranch,
      status: r.status,
      cohorts: r.cohorts,
      lastScannedAt: r.cursor ? r.cursor.scannedAt.toISOString() : null,
    },
    months: timeline.months,
    configFiles: timeline.configFiles,
    pullRequests: timeline.pullRequests.map(({ evidence: _evidence, ...pr }) => pr),
    last90Days: await agentCommitShare(database, repoId, new Date(now.getTime() - 90 * dayMs), now),
  };
}
