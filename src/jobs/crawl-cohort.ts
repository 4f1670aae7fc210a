// A crawl cohort: the selection rule and the member list, frozen together with the date, so a
// report can always say exactly what it measured.
import { createHash } from "node:crypto";
import { enumerateSearch, type SearchSlice } from "../sources/github/search.js";
import { lookupRepositoriesByName } from "../sources/github/lookup.js";
import { sampleRepositories } from "../sources/github/sample.js";
import type { GitHubClient, RepositoryFacts } from "../sources/github/index.js";
import { freezeCohortStreaming, type Database, type FreezeProgress } from "../store/index.js";

export type CohortSource =
  | { kind: "search"; query: string }
  /** `names`: the file's owner/name lines; `file`: its name, for the definition. */
  | { kind: "list"; file: string; names: string[] }
  | { kind: "sample"; size: number; seed: string; maxId?: number };

/** The frozen selection rule, stored as the cohort's definition (JSON). */
export type CohortDefinition =
  | {
      source: "search";
      query: string;
      host: string;
      method: string;
      slices: number;
      /** Slices GitHub could not list completely: the cohort misses some repositories there. */
      overflowed: Pick<SearchSlice, "from" | "to" | "totalCount" | "fetched" | "incomplete">[];
      members: number;
    }
  | { source: "list"; file: string; sha256: string; host: string; entries: number; notFound: string[]; members: number }
  | { source: "sample"; size: number; seed: string; host: string; idRange: [number, number]; drawn: number; method: string; members: number };

export interface FrozenCohort {
  name: string;
  definition: CohortDefinition;
  members: RepositoryFacts[];
  frozenAt: Date;
}

export interface DefineCohortOptions {
  now?: Date;
  onProgress?: (message: string) => void;
}

const OWNER_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** owner/name per line; blank lines and # comments are skipped, a trailing .git and URLs are tolerated. */
export function parseRepositoryList(text: string): { names: string[]; invalid: string[] } {
  const names: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") continue;
    const name = line.replace(/^https?:\/\/[^/]+\//, "").replace(/\.git$/, "").replace(/\/+$/, "");
    if (!OWNER_NAME.test(name)) {
      invalid.push(line);
      continue;
    }
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
  }
  return { names, invalid };
}

/** Resolves the source against GitHub: the member list and the rule that produced it. */
export async function defineCohort(client: GitHubClient, name: string, source: CohortSource, options: DefineCohortOptions = {}): Promise<FrozenCohort> {
  const frozenAt = options.now ?? new Date();
  const host = client.host;
  if (source.kind === "search") {
    const found = await enumerateSearch(client, source.query, {
      now: frozenAt,
      onSlice: (slice, listed) => options.onProgress?.(`search window ${slice.from.slice(0, 10)}..${slice.to.slice(0, 10)}: ${slice.totalCount} results; ${listed} listed`),
    });
    const members = found.repositories;
    return {
      name,
      frozenAt,
      members,
      definition: {
        source: "search",
        query: source.query,
        host,
        method: "GitHub search, split into created-date windows of at most 1,000 results each",
        slices: found.slices.length,
        overflowed: found.overflowed.map(({ from, to, totalCount, fetched, incomplete }) => ({ from, to, totalCount, fetched, incomplete })),
        members: members.length,
      },
    };
  }
  if (source.kind === "list") {
    const facts = await lookupRepositoriesByName(client, source.names);
    const members: RepositoryFacts[] = [];
    const notFound: string[] = [];
    for (const fullName of source.names) {
      const found = facts.get(fullName);
      if (found) members.push(found);
      else notFound.push(fullName);
    }
    const sha256 = createHash("sha256").update(source.names.join("\n")).digest("hex");
    return {
      name,
      frozenAt,
      members: uniqueById(members),
      definition: { source: "list", file: source.file, sha256, host, entries: source.names.length, notFound, members: uniqueById(members).length },
    };
  }
  const sample = await sampleRepositories(client, {
    size: source.size,
    seed: source.seed,
    maxId: source.maxId,
    onProgress: (kept, drawn) => options.onProgress?.(`sample: ${kept} of ${source.size} public repositories from ${drawn} ids drawn`),
  });
  return {
    name,
    frozenAt,
    members: sample.repositories,
    definition: {
      source: "sample",
      size: source.size,
      seed: source.seed,
      host,
      idRange: [1, sample.maxId],
      drawn: sample.drawn,
      method: "ids drawn uniformly from the id range (sha256(seed:i)), looked up with GraphQL nodes; deleted and private ids rejected",
      members: sample.repositories.length,
    },
  };
}

/** Two names in a list can be one repository (a rename): it is one member. */
function uniqueById(members: RepositoryFacts[]): RepositoryFacts[] {
  const byId = new Map<number, RepositoryFacts>();
  for (const member of members) byId.set(member.githubId, member);
  return [...byId.values()];
}

export interface FreezeOptions {
  /** Members per transaction. Default 10,000. */
  batchSize?: number;
  onProgress?: (progress: FreezeProgress) => void;
}

/**
 * Stores the cohort: its definition, then its members in bounded batches (one transaction each).
 * Run again with the same definition after an interruption, it skips the batches already stored.
 */
export async function freezeCohort(
  database: Database,
  cohort: Omit<FrozenCohort, "members"> & { members: Iterable<RepositoryFacts> | AsyncIterable<RepositoryFacts> },
  options: FreezeOptions = {},
): Promise<{ members: number; skippedBatches: number }> {
  return freezeCohortStreaming(database, { name: cohort.name, definition: cohort.definition, frozenAt: cohort.frozenAt }, cohort.members, {
    batchSize: options.batchSize,
    onBatch: options.onProgress,
  });
}
