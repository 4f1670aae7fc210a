// Every GraphQL document this backend sends. One query covers many repositories through aliases;
// test/sources/github/schema.test.ts validates each against GitHub's published schema.
//
// Cost (GitHub: sum of the requests each connection needs, assuming every `first` is reached, ÷ 100,
// at least 1): per repository `history(first:100)` is 1 request and `pullRequests(first:50)` 1 more, so
// 50 repositories cost 1 point. Tree `entries` and `object(expression:)` are not connections: free.
// A per-commit connection such as `parents(first:2)` adds 100 requests per repository (~1 point per
// repository), which is why parents are opt-in (ScanOptions.withParents).

const GQL = String.raw; // marks GraphQL text for readers and editors; no processing.

export const REPOSITORY_FACTS_FRAGMENT = GQL`
fragment RepositoryFacts on Repository {
  databaseId
  nameWithOwner
  owner { login }
  name
  visibility
  isPrivate
  isFork
  isArchived
  isEmpty
  stargazerCount
  primaryLanguage { name }
  createdAt
  pushedAt
}`;

const personFields = "name email date user { login }";
const commitFields = `oid committedDate authoredDate message author { ${personFields} } committer { ${personFields} }`;

export function commitFragment(withParents: boolean): string {
  return GQL`
fragment CommitFields on Commit {
  ${commitFields}${withParents ? "\n  parents(first: 2) { totalCount nodes { oid } }" : ""}
}
fragment HistoryPage on CommitHistoryConnection {
  totalCount
  pageInfo { hasNextPage endCursor }
  nodes { ...CommitFields }
}`;
}

export const PULL_REQUEST_FRAGMENT = GQL`
fragment PullRequestPage on PullRequestConnection {
  pageInfo { hasNextPage endCursor }
  nodes {
    number
    createdAt
    mergedAt
    state
    headRefName
    title
    body
    author { __typename login }
  }
}`;

/** Two levels under a config directory: enough for .github/instructions/*.md or .cursor/rules/*.mdc. */
export const CONFIG_TREE_FRAGMENT = GQL`
fragment ConfigTree on Tree {
  entries {
    path
    type
    object { ... on Tree { entries { path type object { ... on Tree { entries { path type } } } } } }
  }
}`;

export const RATE_LIMIT_FIELDS = "rateLimit { cost remaining resetAt limit }";

export interface BatchRepository {
  owner: string;
  name: string;
  historySince: string;
}

export interface RepositoryBatchQuery {
  query: string;
  variables: Record<string, unknown>;
}

export function repositoryAlias(index: number): string {
  return `r${index}`;
}

export function configAlias(index: number): string {
  return `c${index}`;
}

/** The main query: facts, default-branch history since a date, HEAD config entries and recent PRs. */
export function buildRepositoryBatchQuery(
  repositories: readonly BatchRepository[],
  options: { configDirectories: readonly string[]; historyPageSize: number; pullRequestPageSize: number; withParents: boolean },
): RepositoryBatchQuery {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  options.configDirectories.forEach((directory, index) => {
    declarations.push(`$d${index}: String!`);
    variables[`d${index}`] = `HEAD:${directory}`;
  });
  const configSelections = options.configDirectories.map((_, index) => `${configAlias(index)}: object(expression: $d${index}) { ...ConfigTree }`).join("\n    ");
  const aliases = repositories.map((repository, index) => {
    declarations.push(`$o${index}: String!`, `$n${index}: String!`, `$s${index}: GitTimestamp`);
    variables[`o${index}`] = repository.owner;
    variables[`n${index}`] = repository.name;
    variables[`s${index}`] = repository.historySince;
    return GQL`
  ${repositoryAlias(index)}: repository(owner: $o${index}, name: $n${index}) {
    ...RepositoryFacts
    defaultBranchRef {
      name
      target {
        ... on Commit {
          oid
          committedDate
          tree { entries { path type } }
          history(first: ${options.historyPageSize}, since: $s${index}) { ...HistoryPage }
        }
      }
    }
    pullRequests(first: ${options.pullRequestPageSize}, orderBy: { field: CREATED_AT, direction: DESC }) { ...PullRequestPage }
    gitattributes: object(expression: "HEAD:.gitattributes") { ... on Blob { text } }
    ${configSelections}
  }`;
  });
  const query = GQL`query RepositoryBatch(${declarations.join(", ")}) {
  ${RATE_LIMIT_FIELDS}${aliases.join("")}
}
${REPOSITORY_FACTS_FRAGMENT}
${commitFragment(options.withParents)}
${PULL_REQUEST_FRAGMENT}
${options.configDirectories.length > 0 ? CONFIG_TREE_FRAGMENT : ""}`;
  return { query, variables };
}

export interface FollowUpPage {
  owner: string;
  name: string;
  /** History page: the HEAD the first page saw, so every page reads the same history. */
  history?: { head: string; since: string; after: string };
  pullRequests?: { after: string };
}

export function historyAlias(index: number): string {
  return `h${index}`;
}

export function pullRequestAlias(index: number): string {
  return `p${index}`;
}

/** Next pages for only the repositories that still have some, batched together. */
export function buildFollowUpQuery(
  pages: readonly FollowUpPage[],
  options: { historyPageSize: number; pullRequestPageSize: number; withParents: boolean },
): RepositoryBatchQuery {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  let usesHistory = false;
  let usesPullRequests = false;
  const aliases = pages.map((page, index) => {
    declarations.push(`$o${index}: String!`, `$n${index}: String!`);
    variables[`o${index}`] = page.owner;
    variables[`n${index}`] = page.name;
    const parts: string[] = [];
    if (page.history) {
      usesHistory = true;
      declarations.push(`$h${index}: GitObjectID!`, `$s${index}: GitTimestamp`, `$a${index}: String!`);
      Object.assign(variables, { [`h${index}`]: page.history.head, [`s${index}`]: page.history.since, [`a${index}`]: page.history.after });
      parts.push(
        `${historyAlias(index)}: object(oid: $h${index}) { ... on Commit { history(first: ${options.historyPageSize}, since: $s${index}, after: $a${index}) { ...HistoryPage } } }`,
      );
    }
    if (page.pullRequests) {
      usesPullRequests = true;
      declarations.push(`$q${index}: String!`);
      variables[`q${index}`] = page.pullRequests.after;
      parts.push(
        `${pullRequestAlias(index)}: pullRequests(first: ${options.pullRequestPageSize}, after: $q${index}, orderBy: { field: CREATED_AT, direction: DESC }) { ...PullRequestPage }`,
      );
    }
    return GQL`
  ${repositoryAlias(index)}: repository(owner: $o${index}, name: $n${index}) {
    ${parts.join("\n    ")}
  }`;
  });
  const query = GQL`query FollowUpPages(${declarations.join(", ")}) {
  ${RATE_LIMIT_FIELDS}${aliases.join("")}
}
${usesHistory ? commitFragment(options.withParents) : ""}
${usesPullRequests ? PULL_REQUEST_FRAGMENT : ""}`;
  return { query, variables };
}

export interface ConfigDatingTarget {
  owner: string;
  name: string;
  head: string;
  path: string;
  /** The default branch: a pull request that merged the adding commit into it dates the file. */
  defaultBranch?: string | null;
}

export function datingAlias(index: number): string {
  return `f${index}`;
}

/**
 * History is newest-first, so the adding commit is the last of a path's history: 100 entries per path
 * (1 request each) cover nearly every config file; longer histories fall back to REST (see config-dates.ts).
 */
export function buildConfigDatingQuery(targets: readonly ConfigDatingTarget[]): RepositoryBatchQuery {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const aliases = targets.map((target, index) => {
    declarations.push(`$o${index}: String!`, `$n${index}: String!`, `$h${index}: GitObjectID!`, `$p${index}: String!`);
    Object.assign(variables, { [`o${index}`]: target.owner, [`n${index}`]: target.name, [`h${index}`]: target.head, [`p${index}`]: target.path });
    return GQL`
  ${datingAlias(index)}: repository(owner: $o${index}, name: $n${index}) {
    object(oid: $h${index}) { ... on Commit { history(first: 100, path: $p${index}) { totalCount nodes { oid committedDate } } } }
  }`;
  });
  const query = GQL`query ConfigFileDates(${declarations.join(", ")}) {
  ${RATE_LIMIT_FIELDS}${aliases.join("")}
}`;
  return { query, variables };
}

/** A commit whose pull requests are asked for: when did it land on the default branch? */
export interface LandingTarget {
  owner: string;
  name: string;
  oid: string;
}

export function landingAlias(index: number): string {
  return `l${index}`;
}

/**
 * The pull requests that contain each commit (first 5), with when and how each was merged. A file
 * written on a branch lands on the default branch with its pull request's merge: that merge
 * commit, not the branch commit that wrote it, dates the file. 100 commits cost 1 point.
 */
export function buildLandingQuery(targets: readonly LandingTarget[]): RepositoryBatchQuery {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const aliases = targets.map((target, index) => {
    declarations.push(`$o${index}: String!`, `$n${index}: String!`, `$c${index}: GitObjectID!`);
    Object.assign(variables, { [`o${index}`]: target.owner, [`n${index}`]: target.name, [`c${index}`]: target.oid });
    return GQL`
  ${landingAlias(index)}: repository(owner: $o${index}, name: $n${index}) {
    object(oid: $c${index}) { ... on Commit { associatedPullRequests(first: 5) { nodes { mergedAt baseRefName mergeCommit { oid committedDate } } } } }
  }`;
  });
  const query = GQL`query ConfigFileLandings(${declarations.join(", ")}) {
  ${RATE_LIMIT_FIELDS}${aliases.join("")}
}`;
  return { query, variables };
}
