// The batched scanner: one GraphQL query per batch of repositories, follow-up pages only for the
// repositories that still have some, pages streamed to the caller so a huge history never sits in
// memory whole. It reports what GitHub said; it classifies nothing and stores nothing.
import type { GitHubClient } from "./client.js";
import { compileConfigMatcher, configDirectories } from "./config-paths.js";
import { dateConfigFiles, datingKey } from "./config-dates.js";
import { AccessDeniedError, GitHubApiError, RateLimitedError, classifyRequestError } from "./errors.js";
import { errorsFor, runGraphQL, type GraphQLAnswer, type GraphQLErrorItem } from "./graphql-call.js";
import {
  buildFollowUpQuery,
  buildRepositoryBatchQuery,
  configAlias,
  historyAlias,
  pullRequestAlias,
  repositoryAlias,
  type FollowUpPage,
} from "./queries.js";
import {
  commitsBeforeCursor,
  flattenEntries,
  pullRequestsSince,
  toFacts,
  type HistoryNode,
  type PullRequestPageNode,
  type RepositoryNode,
  type TreeEntryNode,
} from "./parse.js";
import type { RepoScanPage, RepositoryRequest, ScanCost, ScanOptions, ScanOutcome } from "./types.js";

interface Settings {
  batchSize: number;
  historyPageSize: number;
  pullRequestPageSize: number;
  withParents: boolean;
  dateConfigFiles: boolean;
  directories: string[];
  matches: (path: string) => boolean;
}

function resolveSettings(options: ScanOptions): Settings {
  return {
    batchSize: Math.max(1, options.batchSize ?? 50),
    historyPageSize: Math.min(100, Math.max(1, options.historyPageSize ?? 100)),
    pullRequestPageSize: Math.min(100, Math.max(1, options.pullRequestPageSize ?? 50)),
    withParents: options.withParents ?? false,
    dateConfigFiles: options.dateConfigFiles ?? true,
    directories: configDirectories(options.configPatterns),
    matches: compileConfigMatcher(options.configPatterns),
  };
}

/** Scans repositories in batches; yields each repository's pages in order, the last with done: true. */
export async function* scanRepositories(
  client: GitHubClient,
  requests: Iterable<RepositoryRequest> | AsyncIterable<RepositoryRequest>,
  options: ScanOptions,
): AsyncGenerator<RepoScanPage> {
  const settings = resolveSettings(options);
  let batch: RepositoryRequest[] = [];
  for await (const request of requests) {
    batch.push(request);
    if (batch.length === settings.batchSize) {
      yield* scanBatch(client, batch, settings);
      batch = [];
    }
  }
  if (batch.length > 0) yield* scanBatch(client, batch, settings);
}

/** Everything about one repository in memory at once: for the CLI's single scans and for tests. */
export interface CollectedScan extends Omit<RepoScanPage, "page" | "done"> {
  pages: number;
}

export async function collectScans(pages: AsyncIterable<RepoScanPage>): Promise<CollectedScan[]> {
  const byRequest = new Map<RepositoryRequest, CollectedScan>();
  for await (const page of pages) {
    const seen = byRequest.get(page.request);
    if (!seen) {
      const { page: _page, done: _done, ...rest } = page;
      byRequest.set(page.request, { ...rest, commits: [...page.commits], pullRequests: [...page.pullRequests], cost: { ...page.cost }, pages: 1 });
      continue;
    }
    seen.pages += 1;
    seen.commits.push(...page.commits);
    seen.pullRequests.push(...page.pullRequests);
    seen.outcome = page.outcome;
    if (page.message) seen.message = page.message;
    seen.cost.graphqlPoints += page.cost.graphqlPoints;
    seen.cost.httpRequests += page.cost.httpRequests;
  }
  return [...byRequest.values()];
}

function later(a: string, b: string | null | undefined): string {
  return b && Date.parse(b) > Date.parse(a) ? b : a;
}

function historySince(request: RepositoryRequest): string {
  return later(request.since, request.cursor?.date);
}

function pullRequestSince(request: RepositoryRequest): string {
  return request.pullRequestsSince ?? historySince(request);
}

function estimatePoints(repositories: number, settings: Settings): number {
  const perRepository = 2 + (settings.withParents ? settings.historyPageSize : 0);
  return Math.max(1, Math.round((repositories * perRepository) / 100));
}

function emptyPage(request: RepositoryRequest, outcome: ScanOutcome, message?: string): RepoScanPage {
  return {
    request,
    outcome,
    ...(message ? { message } : {}),
    page: 0,
    done: true,
    facts: null,
    head: null,
    commits: [],
    parentsKnown: false,
    pullRequests: [],
    configPaths: [],
    gitattributes: null,
    configFiles: [],
    treeTruncated: false,
    cost: { graphqlPoints: 0, httpRequests: 0 },
  };
}

/** What a per-repository error inside a batched answer means. */
export function outcomeOfErrors(errors: readonly GraphQLErrorItem[]): { outcome: ScanOutcome; message: string } {
  const message = errors.map((item) => item.message).join("; ") || "GitHub returned no repository";
  if (errors.some((item) => /access blocked|unavailable for legal reasons/i.test(item.message))) return { outcome: "blocked", message };
  if (errors.length === 0 || errors.some((item) => item.type === "NOT_FOUND")) return { outcome: "gone", message };
  if (errors.some((item) => item.type === "FORBIDDEN")) return { outcome: "no-access", message };
  return { outcome: "error", message };
}

interface PendingState {
  request: RepositoryRequest;
  owner: string;
  name: string;
  page: number;
  head: { sha: string; committedDate: string };
  renamedFrom?: string;
  history?: { after: string };
  pullRequests?: { after: string };
}

/**
 * GitHub's answers to a query too heavy for its limits: 502/504 (the 10 s query limit), a timeout,
 * "Something went wrong while executing your query" and RESOURCE_LIMITS_EXCEEDED. A lighter query
 * (fewer repositories) may pass, so the batch is halved; a query GitHub rejected for another reason
 * (a scope, a field) would fail the same way in halves and is not split.
 */
const TOO_HEAVY = /something went wrong while executing your query|resource limits|RESOURCE_LIMITS_EXCEEDED|timeout|timed out|timedout/i;

export function isTooHeavy(error: unknown): boolean {
  if (error instanceof AccessDeniedError || error instanceof RateLimitedError) return false;
  const status = (error as { status?: number } | null)?.status ?? (error as { cause?: { status?: number } } | null)?.cause?.status;
  // 502 and 504 are GitHub's answers to a query past its time limit. Another 5xx is heavy only
  // when GitHub says so ("Something went wrong while executing your query"); a plain 500 or 503 is
  // GitHub being down: halving would only mark every repository of the batch unanswerable, where
  // the queue's retry of the whole batch later is what helps.
  if (status !== undefined) return status === 502 || status === 504 || (status >= 500 && error instanceof Error && TOO_HEAVY.test(error.message));
  // GitHubApiError for the whole query: its message carries GitHub's reasons.
  if (error instanceof GitHubApiError && /rejected the GraphQL query/.test(error.message)) return TOO_HEAVY.test(error.message);
  return true; // no HTTP status: a network failure or an abort, worth a lighter try
}

/** A per-repository error inside a 200 answer that a lighter query may not hit. */
function aliasTooHeavy(errors: readonly GraphQLErrorItem[]): boolean {
  return errors.some((item) => item.type === "RESOURCE_LIMITS_EXCEEDED" || item.type === "TIMEOUT" || TOO_HEAVY.test(item.message));
}

/** The message a repository gets when GitHub could not answer it even in a query of its own. */
export const UNANSWERABLE = "GitHub cannot answer this repository even alone";

export function isUnanswerable(message: string | undefined): boolean {
  return message?.startsWith(UNANSWERABLE) ?? false;
}

function unanswerable(reason: string): string {
  return `${UNANSWERABLE}: ${reason}`;
}

function halves<T>(items: T[]): [T[], T[]] {
  const middle = Math.ceil(items.length / 2);
  return [items.slice(0, middle), items.slice(middle)];
}

async function* scanBatch(client: GitHubClient, requests: RepositoryRequest[], settings: Settings): AsyncGenerator<RepoScanPage> {
  const httpStart = client.stats.httpRequests;
  let points = 0;
  const nodes: (RepositoryNode | null)[] = [];
  const errors: GraphQLErrorItem[][] = [];
  const renamedFrom = new Map<number, string>();
  const lookedUp = new Map<number, { outcome: ScanOutcome; message: string }>();
  try {
    const answer = await queryRepositories(client, requests.map((request) => ({ owner: request.owner, name: request.name, since: historySince(request) })), settings);
    points += answer.cost;
    requests.forEach((_, index) => {
      nodes.push((answer.data[repositoryAlias(index)] as RepositoryNode | null | undefined) ?? null);
      errors.push(errorsFor(answer, repositoryAlias(index)));
    });
    points += await followRenames(client, requests, nodes, errors, renamedFrom, lookedUp, settings);
  } catch (error) {
    if (error instanceof AccessDeniedError || error instanceof RateLimitedError) throw error;
    const heavy = isTooHeavy(error);
    // A batch too heavy for GitHub's limits: halve it until it passes, down to single repositories.
    if (requests.length > 1 && heavy) {
      for (const half of halves(requests)) yield* scanBatch(client, half, settings);
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    const message = heavy ? unanswerable(reason) : reason;
    const share = costShare(points, client.stats.httpRequests - httpStart, requests.length);
    for (const request of requests) yield { ...emptyPage(request, "error", message), cost: share };
    return;
  }

  // Repositories GitHub gave up on inside an otherwise good answer are asked again in a lighter
  // query (alone, when they were the whole batch); the others go on.
  const heavyIndexes = requests.flatMap((_, index) => (!nodes[index] && aliasTooHeavy(errors[index] ?? []) ? [index] : []));
  const retryLighter = requests.length > 1 ? heavyIndexes : [];
  const firstPages: RepoScanPage[] = [];
  const pending: PendingState[] = [];
  requests.forEach((request, index) => {
    const node = nodes[index];
    if (retryLighter.includes(index)) return;
    if (!node) {
      if (heavyIndexes.includes(index)) {
        firstPages.push(emptyPage(request, "error", unanswerable(outcomeOfErrors(errors[index] ?? []).message)));
        return;
      }
      const { outcome, message } = lookedUp.get(index) ?? outcomeOfErrors(errors[index] ?? []);
      firstPages.push(emptyPage(request, outcome, message));
      return;
    }
    const { page, state } = firstPage(request, node, client.host, settings, renamedFrom.get(index));
    firstPages.push(page);
    if (state) pending.push(state);
  });

  if (settings.dateConfigFiles) points += await dateNewConfigFiles(client, firstPages);
  const share = costShare(points, client.stats.httpRequests - httpStart, requests.length);
  for (const page of firstPages) yield { ...page, cost: share };
  if (retryLighter.length > 0) {
    const again = retryLighter.map((index) => requests[index] as RepositoryRequest);
    for (const part of again.length === requests.length ? halves(again) : [again]) yield* scanBatch(client, part, settings);
  }

  let remaining = pending;
  while (remaining.length > 0) {
    const next: PendingState[] = [];
    for (let start = 0; start < remaining.length; start += settings.batchSize) {
      const chunk = remaining.slice(start, start + settings.batchSize);
      for await (const { page, state } of followUp(client, chunk, settings)) {
        yield page;
        if (state) next.push(state);
      }
    }
    remaining = next;
  }
}

function costShare(points: number, httpRequests: number, repositories: number): ScanCost {
  return { graphqlPoints: points / repositories, httpRequests: httpRequests / repositories };
}

async function queryRepositories(
  client: GitHubClient,
  targets: { owner: string; name: string; since: string }[],
  settings: Settings,
): Promise<GraphQLAnswer> {
  const { query, variables } = buildRepositoryBatchQuery(
    targets.map((target) => ({ owner: target.owner, name: target.name, historySince: target.since })),
    { configDirectories: settings.directories, historyPageSize: settings.historyPageSize, pullRequestPageSize: settings.pullRequestPageSize, withParents: settings.withParents },
  );
  return runGraphQL(client, query, variables, estimatePoints(targets.length, settings));
}

interface RestRepository {
  full_name: string;
}

/**
 * A repository GraphQL cannot find by name may have been renamed or transferred: REST finds it by id
 * (GET /repositories/{id}) or follows the 301 that the old name answers with; then GraphQL is asked
 * again under the new name. 404 is gone, 451 blocked.
 */
async function followRenames(
  client: GitHubClient,
  requests: RepositoryRequest[],
  nodes: (RepositoryNode | null)[],
  errors: GraphQLErrorItem[][],
  renamedFrom: Map<number, string>,
  lookedUp: Map<number, { outcome: ScanOutcome; message: string }>,
  settings: Settings,
): Promise<number> {
  const moved: { index: number; owner: string; name: string }[] = [];
  for (const [index, request] of requests.entries()) {
    if (nodes[index] || outcomeOfErrors(errors[index] ?? []).outcome !== "gone") continue;
    const oldName = `${request.owner}/${request.name}`;
    try {
      const response = request.githubId
        ? await client.octokit.request("GET /repositories/{id}", { id: request.githubId })
        : await client.octokit.request("GET /repos/{owner}/{repo}", { owner: request.owner, repo: request.name });
      const fullName = (response.data as RestRepository).full_name;
      const [owner, name] = fullName.split("/");
      if (owner && name && fullName.toLowerCase() !== oldName.toLowerCase()) moved.push({ index, owner, name });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 401) throw classifyRequestError(error, "GitHub REST request failed");
      if (status === 451) lookedUp.set(index, { outcome: "blocked", message: `${oldName} is blocked by GitHub (451)` });
      else if (status === 404) lookedUp.set(index, { outcome: "gone", message: `${oldName} was not found by name${request.githubId ? " or id" : ""} (404)` });
      else if (status === 403) lookedUp.set(index, { outcome: "no-access", message: `${oldName}: access denied (403)` });
    }
  }
  if (moved.length === 0) return 0;
  const answer = await queryRepositories(
    client,
    moved.map((target) => ({ ...target, since: historySince(requests[target.index] as RepositoryRequest) })),
    settings,
  );
  for (const [position, target] of moved.entries()) {
    const request = requests[target.index] as RepositoryRequest;
    nodes[target.index] = (answer.data[repositoryAlias(position)] as RepositoryNode | null | undefined) ?? null;
    errors[target.index] = errorsFor(answer, repositoryAlias(position));
    renamedFrom.set(target.index, `${request.owner}/${request.name}`);
  }
  return answer.cost;
}

function firstPage(
  request: RepositoryRequest,
  node: RepositoryNode,
  host: string,
  settings: Settings,
  renamedFrom: string | undefined,
): { page: RepoScanPage; state: PendingState | null } {
  const facts = toFacts(node, host);
  const base = { ...emptyPage(request, "ok"), facts, ...(renamedFrom ? { renamedFrom } : {}) };
  const target = node.defaultBranchRef?.target;
  if (node.isEmpty || !target) return { page: { ...base, outcome: "empty", message: `${node.nameWithOwner} has no commits` }, state: null };

  const head = { sha: target.oid, committedDate: target.committedDate };
  const history = target.history as HistoryNode;
  const { commits, reachedCursor } = commitsBeforeCursor(history.nodes, request.cursor?.sha);
  const pulls = pullRequestsSince(node.pullRequests, pullRequestSince(request));

  const listed = flattenEntries(target.tree?.entries);
  let treeTruncated = false;
  settings.directories.forEach((_, index) => {
    const entries = (node[configAlias(index)] as { entries?: TreeEntryNode[] } | null | undefined)?.entries;
    flattenEntries(entries, listed);
    treeTruncated ||= hasUnlistedSubtree(entries, 1);
  });
  const configPaths = listed.filter(settings.matches).sort();

  const state: PendingState = { request, owner: facts.owner, name: facts.name, page: 0, head, ...(renamedFrom ? { renamedFrom } : {}) };
  if (!reachedCursor && history.pageInfo.hasNextPage && history.pageInfo.endCursor) state.history = { after: history.pageInfo.endCursor };
  if (pulls.wantsMore && node.pullRequests.pageInfo.endCursor) state.pullRequests = { after: node.pullRequests.pageInfo.endCursor };
  const more = Boolean(state.history || state.pullRequests);
  const cursorMissing = Boolean(request.cursor) && !reachedCursor && !history.pageInfo.hasNextPage;
  return {
    page: {
      ...base,
      done: !more,
      ...(cursorMissing ? { cursorMissing } : {}),
      head,
      commits,
      parentsKnown: settings.withParents,
      pullRequests: pulls.pullRequests,
      configPaths,
      configFiles: configPaths.map((path) => ({ path, addedSha: null, addedAt: null })),
      gitattributes: node.gitattributes?.text ?? null,
      treeTruncated,
    },
    state: more ? state : null,
  };
}

/** ConfigTree lists two levels under a config directory; a directory at the second level was not opened. */
function hasUnlistedSubtree(entries: readonly TreeEntryNode[] | undefined, depth: number): boolean {
  for (const entry of entries ?? []) {
    if (entry.type !== "tree") continue;
    if (depth >= 3 || !entry.object?.entries) return true;
    if (hasUnlistedSubtree(entry.object.entries, depth + 1)) return true;
  }
  return false;
}

async function dateNewConfigFiles(client: GitHubClient, pages: RepoScanPage[]): Promise<number> {
  const targets = pages.flatMap((page) => {
    if (page.outcome !== "ok" || !page.facts || !page.head) return [];
    const known = new Set(page.request.knownConfigPaths ?? []);
    const { owner, name } = page.facts;
    const head = page.head.sha;
    const defaultBranch = page.facts.defaultBranch;
    return page.configPaths.filter((path) => !known.has(path)).map((path) => ({ owner, name, head, path, defaultBranch }));
  });
  if (targets.length === 0) return 0;
  try {
    const { dates, points } = await dateConfigFiles(client, targets);
    for (const page of pages) {
      if (!page.facts) continue;
      const { owner, name } = page.facts;
      page.configFiles = page.configFiles.map((file) => dates.get(datingKey({ owner, name, path: file.path })) ?? file);
    }
    return points;
  } catch (error) {
    if (error instanceof AccessDeniedError || error instanceof RateLimitedError) throw error;
    return 0; // Dates are a refinement: without them the files are still reported, undated.
  }
}

async function* followUp(client: GitHubClient, chunk: PendingState[], settings: Settings): AsyncGenerator<{ page: RepoScanPage; state: PendingState | null }> {
  const httpStart = client.stats.httpRequests;
  const pages: FollowUpPage[] = chunk.map((state) => ({
    owner: state.owner,
    name: state.name,
    ...(state.history ? { history: { head: state.head.sha, since: historySince(state.request), after: state.history.after } } : {}),
    ...(state.pullRequests ? { pullRequests: { after: state.pullRequests.after } } : {}),
  }));
  const { query, variables } = buildFollowUpQuery(pages, settings);
  let answer: GraphQLAnswer;
  try {
    answer = await runGraphQL(client, query, variables, estimatePoints(chunk.length, settings));
  } catch (error) {
    if (error instanceof AccessDeniedError || error instanceof RateLimitedError) throw error;
    const heavy = isTooHeavy(error);
    // One repository's heavy page must not sink the others' pages: halve down to single repositories.
    if (chunk.length > 1 && heavy) {
      for (const half of halves(chunk)) yield* followUp(client, half, settings);
      return;
    }
    const failure = error instanceof GitHubApiError ? error : classifyRequestError(error, "GitHub GraphQL request failed");
    const reason = `incomplete: a later page failed (${failure.message})`;
    const share = costShare(0, client.stats.httpRequests - httpStart, chunk.length);
    for (const state of chunk) {
      yield { page: followUpPage(state, "error", share, heavy ? unanswerable(reason) : reason), state: null };
    }
    return;
  }
  const share = costShare(answer.cost, client.stats.httpRequests - httpStart, chunk.length);
  const lighter: PendingState[] = [];
  for (const [index, state] of chunk.entries()) {
    const alias = repositoryAlias(index);
    const repository = answer.data[alias] as Record<string, unknown> | null | undefined;
    const aliasErrors = errorsFor(answer, alias);
    if (!repository || aliasErrors.length > 0) {
      const { message } = outcomeOfErrors(aliasErrors);
      if (aliasTooHeavy(aliasErrors) && chunk.length > 1) {
        lighter.push(state);
        continue;
      }
      const reason = `incomplete: a later page failed (${message})`;
      yield { page: followUpPage(state, "error", share, aliasTooHeavy(aliasErrors) ? unanswerable(reason) : reason), state: null };
      continue;
    }
    const next: PendingState = { ...state, page: state.page + 1 };
    delete next.history;
    delete next.pullRequests;
    const page = { ...followUpPage(next, "ok", share), parentsKnown: settings.withParents };
    const history = (repository[historyAlias(index)] as { history?: HistoryNode } | null | undefined)?.history;
    if (state.history && history) {
      const { commits, reachedCursor } = commitsBeforeCursor(history.nodes, state.request.cursor?.sha);
      page.commits = commits;
      if (!reachedCursor && history.pageInfo.hasNextPage && history.pageInfo.endCursor) next.history = { after: history.pageInfo.endCursor };
      if (state.request.cursor && !reachedCursor && !history.pageInfo.hasNextPage) page.cursorMissing = true;
    }
    const pulls = repository[pullRequestAlias(index)] as PullRequestPageNode | null | undefined;
    if (state.pullRequests && pulls) {
      const { pullRequests, wantsMore } = pullRequestsSince(pulls, pullRequestSince(state.request));
      page.pullRequests = pullRequests;
      if (wantsMore && pulls.pageInfo.endCursor) next.pullRequests = { after: pulls.pageInfo.endCursor };
    }
    const more = Boolean(next.history || next.pullRequests);
    page.done = !more;
    yield { page, state: more ? next : null };
  }
  if (lighter.length > 0) {
    for (const part of lighter.length === chunk.length ? halves(lighter) : [lighter]) yield* followUp(client, part, settings);
  }
}

function followUpPage(state: PendingState, outcome: ScanOutcome, cost: ScanCost, message?: string): RepoScanPage {
  return {
    ...emptyPage(state.request, outcome, message),
    page: state.page + (outcome === "ok" ? 0 : 1),
    head: state.head,
    ...(state.renamedFrom ? { renamedFrom: state.renamedFrom } : {}),
    cost,
  };
}
