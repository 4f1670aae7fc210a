// Repository facts without history, many repositories per GraphQL query: to freeze a cohort's
// members (--list, --sample) and to see which members were pushed since their last scan
// (crawl --refresh). A query without connections costs 1 point however many repositories it names.
import type { GitHubClient } from "./client.js";
import { errorsFor, runGraphQL } from "./graphql-call.js";
import { toFacts, type RepositoryNode } from "./parse.js";
import { RATE_LIMIT_FIELDS, REPOSITORY_FACTS_FRAGMENT, repositoryAlias } from "./queries.js";
import type { RepositoryFacts } from "./types.js";

const GQL = String.raw;

/** GitHub's `nodes(ids:)` takes at most 100 ids. */
export const LOOKUP_BATCH = 100;

/**
 * GitHub's legacy global id of a repository: base64("010:Repository<databaseId>"). GitHub still
 * resolves it, and it is computable from the id alone, which is what a sample by id needs.
 */
export function legacyRepositoryNodeId(databaseId: number): string {
  return Buffer.from(`010:Repository${databaseId}`).toString("base64");
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Facts of repositories by GitHub id; a deleted, private or blocked one maps to null. */
export async function lookupRepositoriesById(client: GitHubClient, ids: readonly number[]): Promise<Map<number, RepositoryFacts | null>> {
  const found = new Map<number, RepositoryFacts | null>();
  for (const batch of chunks(ids, LOOKUP_BATCH)) {
    const query = GQL`query RepositoriesById($ids: [ID!]!) {
  ${RATE_LIMIT_FIELDS}
  nodes(ids: $ids) { ... on Repository { ...RepositoryFacts defaultBranchRef { name } } }
}
${REPOSITORY_FACTS_FRAGMENT}`;
    const answer = await runGraphQL(client, query, { ids: batch.map(legacyRepositoryNodeId) });
    const nodes = (answer.data.nodes as (RepositoryNode | null)[] | undefined) ?? [];
    batch.forEach((id, index) => {
      const node = nodes[index];
      found.set(id, node && node.databaseId ? toFacts(node, client.host) : null);
    });
  }
  return found;
}

/** Facts of repositories by "owner/name" (as given, case kept); unknown ones map to null. */
export async function lookupRepositoriesByName(client: GitHubClient, fullNames: readonly string[]): Promise<Map<string, RepositoryFacts | null>> {
  const found = new Map<string, RepositoryFacts | null>();
  for (const batch of chunks(fullNames, LOOKUP_BATCH)) {
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const selections = batch.map((fullName, index) => {
      const [owner = "", name = ""] = fullName.split("/");
      declarations.push(`$o${index}: String!`, `$n${index}: String!`);
      variables[`o${index}`] = owner;
      variables[`n${index}`] = name;
      return `${repositoryAlias(index)}: repository(owner: $o${index}, name: $n${index}) { ...RepositoryFacts defaultBranchRef { name } }`;
    });
    const query = GQL`query RepositoriesByName(${declarations.join(", ")}) {
  ${RATE_LIMIT_FIELDS}
  ${selections.join("\n  ")}
}
${REPOSITORY_FACTS_FRAGMENT}`;
    const answer = await runGraphQL(client, query, variables);
    batch.forEach((fullName, index) => {
      const alias = repositoryAlias(index);
      const node = answer.data[alias] as RepositoryNode | null | undefined;
      found.set(fullName, node && errorsFor(answer, alias).length === 0 ? toFacts(node, client.host) : null);
    });
  }
  return found;
}
