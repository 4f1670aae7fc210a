// A reproducible random sample of public repositories, uniform over the ones that exist.
//
// Method (rejection sampling by id): draw ids uniformly from 1..maxId with a seeded generator,
// look them up 100 at a time through GraphQL `nodes` (legacy global ids are computable from the
// id), and keep the ones that resolve to a public repository, in draw order, until N are kept.
// Deleted and private ids are rejected, so every existing public repository is equally likely;
// sampling "the next id after a random one" (GET /repositories?since=) would favour repositories
// that follow gaps in the id space. Same seed, same maxId and same GitHub → same sample; the
// frozen member list keeps it reproducible after GitHub changes.
import { createHash } from "node:crypto";
import type { GitHubClient } from "./client.js";
import { classifyRequestError, GitHubApiError } from "./errors.js";
import { LOOKUP_BATCH, lookupRepositoriesById } from "./lookup.js";
import type { RepositoryFacts } from "./types.js";

export interface SampleOptions {
  size: number;
  seed: string;
  /** Largest id to draw from; found with GET /repositories?since= when absent. */
  maxId?: number;
  /** Give up after this many draws per wanted repository (default 50). */
  maxDrawsPerRepository?: number;
  onProgress?: (kept: number, drawn: number) => void;
}

export interface Sample {
  repositories: RepositoryFacts[];
  maxId: number;
  /** Ids drawn (kept and rejected). */
  drawn: number;
}

/** The seeded id stream: sha256(seed:counter) → an integer in 1..maxId. Stable across platforms. */
export function* seededIds(seed: string, maxId: number): Generator<number> {
  for (let counter = 0; ; counter++) {
    const digest = createHash("sha256").update(`${seed}:${counter}`).digest();
    // 48 bits: exact in a double, and uniform enough for any id space GitHub will have.
    const unit = digest.readUIntBE(0, 6) / 2 ** 48;
    yield 1 + Math.floor(unit * maxId);
  }
}

async function publicIdsAfter(client: GitHubClient, since: number): Promise<number[]> {
  try {
    const response = await client.octokit.request("GET /repositories", { since });
    return (response.data as { id: number }[]).map((item) => item.id);
  } catch (error) {
    throw classifyRequestError(error, "GitHub GET /repositories failed");
  }
}

/** The largest public repository id: doubling, then bisection on GET /repositories?since= (about 60 requests). */
export async function findMaxRepositoryId(client: GitHubClient): Promise<number> {
  let low = 0;
  let high = 1;
  while ((await publicIdsAfter(client, high)).length > 0) {
    low = high;
    high *= 2;
  }
  if ((await publicIdsAfter(client, low)).length === 0) throw new GitHubApiError("GitHub lists no public repositories (GET /repositories)");
  // Invariant: something exists after `low`, nothing after `high`.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if ((await publicIdsAfter(client, middle)).length > 0) low = middle;
    else high = middle;
  }
  return high;
}

export async function sampleRepositories(client: GitHubClient, options: SampleOptions): Promise<Sample> {
  if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError("sample size must be a positive integer");
  const maxId = options.maxId ?? (await findMaxRepositoryId(client));
  const limit = options.size * (options.maxDrawsPerRepository ?? 50);
  const ids = seededIds(options.seed, maxId);
  const seen = new Set<number>();
  const kept: RepositoryFacts[] = [];
  let drawn = 0;
  while (kept.length < options.size) {
    if (drawn >= limit || seen.size >= maxId) {
      throw new GitHubApiError(`sampling found only ${kept.length} public repositories in ${drawn} draws from ids 1..${maxId}`);
    }
    const batch: number[] = [];
    while (batch.length < LOOKUP_BATCH && seen.size < maxId) {
      const id = ids.next().value as number;
      if (seen.has(id)) continue;
      seen.add(id);
      batch.push(id);
    }
    drawn += batch.length;
    const facts = await lookupRepositoriesById(client, batch);
    for (const id of batch) {
      const found = facts.get(id);
      if (found && found.visibility === "public" && kept.length < options.size) kept.push(found);
    }
    options.onProgress?.(kept.length, drawn);
  }
  return { repositories: kept, maxId, drawn };
}
