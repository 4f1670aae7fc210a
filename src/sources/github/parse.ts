// GraphQL answers → the detector's inputs. Shapes follow the selections in queries.ts.
import type { CommitInput, Person, PullRequestInput } from "../../detect/types.js";
import type { RepositoryFacts } from "./types.js";

export interface GitActorNode {
  name: string | null;
  email: string | null;
  date: string | null;
  user: { login: string } | null;
}

export interface CommitNode {
  oid: string;
  committedDate: string;
  authoredDate: string;
  message: string;
  author: GitActorNode | null;
  committer: GitActorNode | null;
  parents?: { totalCount: number; nodes: { oid: string }[] };
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface HistoryNode {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: (CommitNode | null)[];
}

export interface PullRequestNode {
  number: number;
  createdAt: string;
  mergedAt: string | null;
  state: string;
  headRefName: string;
  title: string;
  body: string | null;
  author: { __typename: string; login: string } | null;
}

export interface PullRequestPageNode {
  pageInfo: PageInfo;
  nodes: (PullRequestNode | null)[];
}

export interface TreeEntryNode {
  path: string | null;
  type: string;
  object?: { entries?: TreeEntryNode[] } | null;
}

export interface RepositoryNode {
  databaseId: number;
  nameWithOwner: string;
  owner: { login: string };
  name: string;
  visibility: "PUBLIC" | "PRIVATE" | "INTERNAL";
  isPrivate: boolean;
  isFork: boolean;
  isArchived: boolean;
  isEmpty: boolean;
  stargazerCount: number;
  primaryLanguage: { name: string } | null;
  createdAt: string;
  pushedAt: string | null;
  defaultBranchRef: {
    name: string;
    target: { oid: string; committedDate: string; tree?: { entries: TreeEntryNode[] }; history?: HistoryNode } | null;
  } | null;
  pullRequests: PullRequestPageNode;
  /** The default branch's top-level .gitattributes (null: none, or not a file). */
  gitattributes?: { text?: string | null } | null;
  [configAlias: string]: unknown;
}

export function toFacts(node: RepositoryNode, host: string): RepositoryFacts {
  return {
    githubId: node.databaseId,
    host,
    owner: node.owner.login,
    name: node.name,
    visibility: node.visibility ? (node.visibility.toLowerCase() as RepositoryFacts["visibility"]) : node.isPrivate ? "private" : "public",
    fork: node.isFork,
    archived: node.isArchived,
    stars: node.stargazerCount,
    language: node.primaryLanguage?.name ?? null,
    createdAt: node.createdAt ? new Date(node.createdAt) : null,
    pushedAt: node.pushedAt ? new Date(node.pushedAt) : null,
    defaultBranch: node.defaultBranchRef?.name ?? null,
  };
}

function toPerson(actor: GitActorNode | null, fallbackDate: string): Person {
  return { name: actor?.name ?? "", email: actor?.email ?? "", date: actor?.date ?? fallbackDate, login: actor?.user?.login ?? null };
}

export function toCommit(node: CommitNode): CommitInput {
  return {
    sha: node.oid,
    parents: node.parents?.nodes.map((parent) => parent.oid) ?? [],
    author: toPerson(node.author, node.authoredDate),
    committer: toPerson(node.committer, node.committedDate),
    message: node.message,
  };
}

/**
 * Commits of one page, newest first, cut at the cursor: an incremental scan asks history since the
 * cursor's date, so the cursor commit and whatever git log lists after it were seen before.
 */
export function commitsBeforeCursor(nodes: readonly (CommitNode | null)[], cursorSha: string | undefined): { commits: CommitInput[]; reachedCursor: boolean } {
  const commits: CommitInput[] = [];
  for (const node of nodes) {
    if (node === null) continue;
    if (node.oid === cursorSha) return { commits, reachedCursor: true };
    commits.push(toCommit(node));
  }
  return { commits, reachedCursor: false };
}

/** GraphQL gives a bot's login without the "[bot]" that REST, webhooks and git identities carry. */
export function pullRequestAuthorLogin(author: PullRequestNode["author"]): string | null {
  if (!author) return null;
  if (author.__typename === "Bot" && !author.login.endsWith("[bot]")) return `${author.login}[bot]`;
  return author.login;
}

export function toPullRequest(node: PullRequestNode): PullRequestInput {
  return {
    number: node.number,
    authorLogin: pullRequestAuthorLogin(node.author),
    headRef: node.headRefName,
    title: node.title,
    body: node.body,
    createdAt: node.createdAt,
    mergedAt: node.mergedAt,
  };
}

/** Pull requests are newest first: keep those created since `since`, and say whether older pages could still qualify. */
export function pullRequestsSince(page: PullRequestPageNode, since: string): { pullRequests: PullRequestInput[]; wantsMore: boolean } {
  const sinceTime = Date.parse(since);
  // GitHub may null out a node it failed to load (with an error beside it): skip it, keep the rest.
  const nodes = page.nodes.filter((node): node is PullRequestNode => node !== null);
  const kept = nodes.filter((node) => Date.parse(node.createdAt) >= sinceTime);
  const wantsMore = page.pageInfo.hasNextPage && kept.length === nodes.length && page.pageInfo.endCursor !== null;
  return { pullRequests: kept.map(toPullRequest), wantsMore };
}

export function flattenEntries(entries: readonly TreeEntryNode[] | undefined, into: string[] = []): string[] {
  for (const entry of entries ?? []) {
    // Files only: directories are listed to reach their files, submodules ("commit") hold no config.
    if (entry.path !== null && entry.type === "blob") into.push(entry.path);
    if (entry.object?.entries) flattenEntries(entry.object.entries, into);
  }
  return into;
}
