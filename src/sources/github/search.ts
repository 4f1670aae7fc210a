// A cohort from a GitHub search query. Search answers at most 1,000 results per query, so the
// query is cut into created-date windows until each window fits; a window that still holds more
// (more than 1,000 repositories created within one second) is kept as far as GitHub lets us and
// reported as overflowed, so the cohort's report can say it is incomplete.
import type { GitHubClient } from "./client.js";
import { classifyRequestError } from "./errors.js";
import type { RepositoryFacts } from "./types.js";

/** GitHub search's hard cap on results per query. */
export const SEARCH_RESULT_CAP = 1000;
const PAGE_SIZE = 100;
/** GitHub's first repositories were created in 2008; nothing is older. */
const EARLIEST = new Date("2007-10-01T00:00:00Z");

export interface SearchSlice {
  /** The query as sent, with its created: window. */
  query: string;
  from: string;
  to: string;
  totalCount: number;
  /** Repositories listed from this slice (≤ 1,000). */
  fetched: number;
  /** More than 1,000 results in a window that cannot be cut further: some were not listed. */
  overflowed: boolean;
  /** GitHub answered incomplete_results (its search timed out): the slice may miss some. */
  incomplete: boolean;
}

export interface SearchEnumeration {
  query: string;
  repositories: RepositoryFacts[];
  slices: SearchSlice[];
  /** Slices with overflowed or incomplete answers. */
  overflowed: SearchSlice[];
}

export interface SearchOptions {
  /** The end of the created range when the query sets none (the cohort's freeze time). */
  now?: Date;
  /** Called after each listed slice (progress). */
  onSlice?: (slice: SearchSlice, listedSoFar: number) => void;
}

interface RestRepository {
  id: number;
  name: string;
  owner: { login: string };
  private: boolean;
  visibility?: string;
  fork: boolean;
  archived: boolean;
  stargazers_count: number;
  language: string | null;
  created_at: string | null;
  pushed_at: string | null;
  default_branch: string | null;
}

interface SearchAnswer {
  total_count: number;
  incomplete_results: boolean;
  items: RestRepository[];
}

export function restRepositoryFacts(item: RestRepository, host: string): RepositoryFacts {
  const visibility = item.visibility === "internal" ? "internal" : item.private ? "private" : "public";
  return {
    githubId: item.id,
    host,
    owner: item.owner.login,
    name: item.name,
    visibility,
    fork: item.fork,
    archived: item.archived,
    stars: item.stargazers_count,
    language: item.language,
    createdAt: item.created_at ? new Date(item.created_at) : null,
    pushedAt: item.pushed_at ? new Date(item.pushed_at) : null,
    defaultBranch: item.default_branch,
  };
}

const SECOND = 1000;
const DAY = 86_400_000;

function parseBound(value: string): number {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) throw new Error(`search query: cannot read the date "${value}" in created:`);
  return time;
}

/** The last second a bound covers: a bare date covers its whole day. */
function parseUpperBound(value: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseBound(value) + DAY - SECOND : parseBound(value);
}

/** Splits the query's own created: qualifier (if any) off: it becomes the outer window. */
export function createdRange(query: string, now: Date): { base: string; from: number; to: number } {
  const floor = (time: number) => Math.floor(time / SECOND) * SECOND;
  const match = query.match(/(?:^|\s)created:(\S+)/);
  const base = query.replace(/(?:^|\s)created:\S+/, "").trim();
  let from = EARLIEST.getTime();
  let to = floor(now.getTime());
  if (match) {
    const qualifier = match[1] as string;
    const range = qualifier.split("..");
    if (range.length === 2) {
      const [low, high] = range as [string, string];
      if (low !== "*") from = parseBound(low);
      if (high !== "*") to = parseUpperBound(high);
    } else {
      const [, operator = "", value = ""] = qualifier.match(/^(>=|<=|>|<)?(.*)$/) as RegExpMatchArray;
      if (operator === ">=") from = parseBound(value);
      else if (operator === ">") from = parseUpperBound(value) + SECOND;
      else if (operator === "<=") to = parseUpperBound(value);
      else if (operator === "<") to = parseBound(value) - SECOND;
      else [from, to] = [parseBound(value), parseUpperBound(value)];
    }
  }
  return { base, from: floor(from), to: floor(Math.min(to, now.getTime())) };
}

function isoSecond(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
}

async function searchPage(client: GitHubClient, query: string, page: number): Promise<SearchAnswer> {
  try {
    const response = await client.octokit.request("GET /search/repositories", { q: query, per_page: PAGE_SIZE, page });
    return response.data as SearchAnswer;
  } catch (error) {
    throw classifyRequestError(error, `GitHub search "${query}" failed`);
  }
}

/**
 * Every repository the query matches, listed window by window (created-date windows, cut
 * adaptively: dense recent years get narrow windows). Duplicates across pages are dropped.
 */
export async function enumerateSearch(client: GitHubClient, query: string, options: SearchOptions = {}): Promise<SearchEnumeration> {
  const { base, from, to } = createdRange(query, options.now ?? new Date());
  const byId = new Map<number, RepositoryFacts>();
  const slices: SearchSlice[] = [];
  // Depth-first, oldest window first, so the listing order is stable for a given GitHub state.
  const windows: [number, number][] = [[from, to]];
  while (windows.length > 0) {
    const [start, end] = windows.shift() as [number, number];
    if (end < start) continue;
    const sliceQuery = `${base} created:${isoSecond(start)}..${isoSecond(end)}`.trim();
    const first = await searchPage(client, sliceQuery, 1);
    if (first.total_count > SEARCH_RESULT_CAP && end > start) {
      windows.unshift(...splitWindow(start, end, first.total_count));
      continue;
    }
    let incomplete = first.incomplete_results;
    let fetched = 0;
    const add = (items: RestRepository[]) => {
      for (const item of items) {
        fetched += 1;
        if (!byId.has(item.id)) byId.set(item.id, restRepositoryFacts(item, client.host));
      }
    };
    add(first.items);
    const listable = Math.min(first.total_count, SEARCH_RESULT_CAP);
    for (let page = 2; (page - 1) * PAGE_SIZE < listable; page++) {
      const answer = await searchPage(client, sliceQuery, page);
      incomplete ||= answer.incomplete_results;
      add(answer.items);
      if (answer.items.length < PAGE_SIZE) break;
    }
    const slice = { query: sliceQuery, from: isoSecond(start), to: isoSecond(end), totalCount: first.total_count, fetched, overflowed: first.total_count > SEARCH_RESULT_CAP, incomplete };
    slices.push(slice);
    options.onSlice?.(slice, byId.size);
  }
  return { query, repositories: [...byId.values()], slices, overflowed: slices.filter((slice) => slice.overflowed || slice.incomplete) };
}

/** Cuts [start, end] (whole seconds, inclusive) into enough equal parts that each should fit. */
export function splitWindow(start: number, end: number, totalCount: number): [number, number][] {
  const seconds = (end - start) / SECOND + 1;
  // A little more than needed: results are rarely spread evenly over time.
  const parts = Math.min(seconds, Math.max(2, Math.min(16, Math.ceil((totalCount * 1.5) / SEARCH_RESULT_CAP))));
  const width = Math.ceil(seconds / parts) * SECOND;
  const windows: [number, number][] = [];
  for (let low = start; low <= end; low += width) windows.push([low, Math.min(end, low + width - SECOND)]);
  return windows;
}
