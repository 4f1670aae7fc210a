// Sends one GraphQL document through the client, keeping partial data: in a batched query one
// missing repository must not sink the other 49 (GitHub answers 200 with `data` and `errors`).
import type { GitHubClient } from "./client.js";
import { GitHubApiError, RateLimitedError, classifyRequestError } from "./errors.js";
import type { RateLimitReading } from "./rate-budget.js";

export interface GraphQLErrorItem {
  type?: string;
  message: string;
  path?: (string | number)[];
}

export interface GraphQLAnswer {
  data: Record<string, unknown>;
  errors: GraphQLErrorItem[];
  /** Points GitHub charged (rateLimit.cost). */
  cost: number;
}

interface PartialResponseError {
  name?: string;
  headers?: Record<string, string | undefined>;
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorItem[];
}

/** RATE_LIMITED answers that get past the throttling plugin (e.g. GHES's /api/graphql path) are waited out here. */
const RATE_LIMITED_ATTEMPTS = 3;

export async function runGraphQL(client: GitHubClient, query: string, variables: Record<string, unknown>, estimatedCost = 1): Promise<GraphQLAnswer> {
  for (let attempt = 1; ; attempt++) {
    await client.budget.reserve(estimatedCost);
    try {
      return await runOnce(client, query, variables);
    } catch (error) {
      if (!(error instanceof RateLimitedError) || attempt >= RATE_LIMITED_ATTEMPTS) throw error;
      client.budget.exhaustedUntil(error.resetAt);
    }
  }
}

async function runOnce(client: GitHubClient, query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer> {
  let data: Record<string, unknown> | null | undefined;
  let errors: GraphQLErrorItem[] = [];
  try {
    data = (await client.octokit.graphql(query, variables)) as Record<string, unknown>;
  } catch (error) {
    const partial = error as PartialResponseError;
    if (partial.name !== "GraphqlResponseError") throw classifyRequestError(error, "GitHub GraphQL request failed");
    data = partial.data;
    errors = partial.errors ?? [];
    // Errors without a path concern the whole query (bad token scope, rate limit, syntax).
    const global = errors.filter((item) => !item.path || item.path.length === 0);
    if (global.length > 0) {
      if (global.some((item) => item.type === "RATE_LIMITED")) {
        const reset = Number(partial.headers?.["x-ratelimit-reset"]);
        const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : (client.budget.resetAt ?? new Date(Date.now() + 60_000));
        throw new RateLimitedError(resetAt, "primary", { cause: error });
      }
      throw new GitHubApiError(`GitHub rejected the GraphQL query: ${global.map((item) => item.message).join("; ")}`, { cause: error });
    }
  }
  const answer = data ?? {};
  const rateLimit = answer.rateLimit as RateLimitReading | null | undefined;
  client.budget.record(rateLimit);
  return { data: answer, errors, cost: rateLimit?.cost ?? 0 };
}

export function errorsFor(answer: GraphQLAnswer, alias: string): GraphQLErrorItem[] {
  return answer.errors.filter((item) => item.path?.[0] === alias);
}
