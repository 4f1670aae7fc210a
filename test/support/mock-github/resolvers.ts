// Plain objects that graphql-js's default resolvers read: a property is a field, a function property is
// a field with arguments, `__typename` picks the concrete type of an interface or union. Only the
// fields agent-census queries are filled; asking for another one yields null (or a non-null error).
import { GraphQLError } from "graphql";
import { fakeSha, fullName, type MockCommit, type MockRepository, type MockWorld } from "./world.js";

export interface ResolverContext {
  world: MockWorld;
  cost: number;
  budget: { limit: number; remaining: number; resetAt: Date };
  /** Whether repository(owner:, name:) follows rename redirects (GitHub's REST does; GraphQL is not relied on). */
  graphqlFollowsRenames: boolean;
}

function encodeCursor(oid: string, offset: number): string {
  return Buffer.from(`${oid} ${offset}`).toString("base64");
}

function decodeOffset(cursor: unknown): number {
  if (typeof cursor !== "string") return -1;
  const offset = Number(Buffer.from(cursor, "base64").toString("utf8").split(" ")[1]);
  return Number.isFinite(offset) ? offset : -1;
}

interface PageArguments {
  first?: number | null;
  last?: number | null;
  after?: string | null;
}

function page<T>(items: T[], args: PageArguments, cursorOf: (item: T, offset: number) => string, toNode: (item: T) => unknown) {
  if (args.first != null && (args.first < 0 || args.first > 100)) {
    throw new GraphQLError(`Requesting ${args.first} records on the connection exceeds the \`first\` limit of 100 records.`, { extensions: { type: "EXCESSIVE_PAGINATION" } });
  }
  const start = decodeOffset(args.after) + 1;
  const size = args.first ?? args.last ?? 100;
  const slice = items.slice(start, start + size);
  const endOffset = start + slice.length - 1;
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + slice.length < items.length,
      hasPreviousPage: start > 0,
      endCursor: slice.length > 0 ? cursorOf(slice[slice.length - 1] as T, endOffset) : null,
      startCursor: slice.length > 0 ? cursorOf(slice[0] as T, start) : null,
    },
    nodes: slice.map(toNode),
    edges: slice.map((item, index) => ({ cursor: cursorOf(item, start + index), node: toNode(item) })),
  };
}

function actor(person: MockCommit["author"]) {
  return { name: person.name, email: person.email, date: person.date, user: person.login ? { __typename: "User", login: person.login } : null };
}

interface TreeIndex {
  children: Map<string, Map<string, "blob" | "tree">>;
}

const treeIndexes = new WeakMap<MockRepository, { files: string[]; index: TreeIndex }>();

function treeIndex(repository: MockRepository): TreeIndex {
  const cached = treeIndexes.get(repository);
  if (cached && cached.files === repository.files) return cached.index;
  const children = new Map<string, Map<string, "blob" | "tree">>();
  const add = (directory: string, name: string, type: "blob" | "tree") => {
    const entries = children.get(directory) ?? new Map<string, "blob" | "tree">();
    if (entries.get(name) !== "tree") entries.set(name, type);
    children.set(directory, entries);
  };
  for (const path of repository.files) {
    const segments = path.split("/");
    segments.forEach((segment, depth) => {
      add(segments.slice(0, depth).join("/"), segment, depth === segments.length - 1 ? "blob" : "tree");
    });
  }
  const index = { children };
  treeIndexes.set(repository, { files: repository.files, index });
  return index;
}

function treeObject(repository: MockRepository, directory: string): unknown {
  const entries = treeIndex(repository).children.get(directory);
  if (!entries && directory !== "") return null;
  return {
    __typename: "Tree",
    oid: fakeSha(`${repository.id}:tree:${directory}`),
    entries: [...(entries ?? new Map()).entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, type]) => {
        const path = directory ? `${directory}/${name}` : name;
        return {
          name,
          path,
          type,
          mode: type === "tree" ? 16384 : 33188,
          oid: fakeSha(`${repository.id}:${path}`),
          object: () => (type === "tree" ? treeObject(repository, path) : { __typename: "Blob", oid: fakeSha(`${repository.id}:${path}`) }),
        };
      }),
  };
}

interface HistoryArguments extends PageArguments {
  since?: string | null;
  until?: string | null;
  path?: string | null;
}

function commitObject(repository: MockRepository, offset: number): unknown {
  const commit = repository.commits[offset] as MockCommit;
  return {
    __typename: "Commit",
    id: Buffer.from(`Commit:${commit.sha}`).toString("base64"),
    oid: commit.sha,
    abbreviatedOid: commit.sha.slice(0, 7),
    committedDate: commit.committer.date,
    authoredDate: commit.author.date,
    message: commit.message,
    messageHeadline: commit.message.split("\n")[0],
    author: actor(commit.author),
    committer: actor(commit.committer),
    parents: (args: PageArguments) =>
      page(commit.parents, args, (oid, index) => encodeCursor(oid, index), (oid) => ({ __typename: "Commit", oid })),
    tree: () => treeObject(repository, ""),
    associatedPullRequests: (args: PageArguments) =>
      page(
        repository.pullRequests.filter((pull) => pull.commits?.includes(commit.sha)),
        args,
        (pull, index) => encodeCursor(String(pull.number), index),
        (pull) => {
          const merged = pull.mergeCommit ? repository.commits.findIndex((c) => c.sha === pull.mergeCommit) : -1;
          return { ...pull, body: pull.body ?? "", baseRefName: pull.baseRefName ?? repository.defaultBranch, author: null, mergeCommit: merged >= 0 ? commitObject(repository, merged) : null };
        },
      ),
    // Linear model: the history of the commit at `offset` is the list from there on (newest first).
    history: (args: HistoryArguments) => {
      let reachable = repository.commits.slice(offset).map((item, index) => ({ commit: item, offset: offset + index }));
      if (args.since) reachable = reachable.filter((item) => Date.parse(item.commit.committer.date) >= Date.parse(args.since as string));
      if (args.until) reachable = reachable.filter((item) => Date.parse(item.commit.committer.date) <= Date.parse(args.until as string));
      if (args.path) {
        const touching = new Set(repository.pathHistory[args.path] ?? (repository.files.includes(args.path) ? [repository.commits.at(-1)?.sha] : []));
        reachable = reachable.filter((item) => touching.has(item.commit.sha));
      }
      return page(reachable, args, (item, index) => encodeCursor(commit.sha, index), (item) => commitObject(repository, item.offset));
    },
  };
}

function resolveObject(repository: MockRepository, args: { oid?: string | null; expression?: string | null }): unknown {
  if (args.oid) {
    const offset = repository.commits.findIndex((commit) => commit.sha === args.oid);
    return offset >= 0 ? commitObject(repository, offset) : null;
  }
  if (!args.expression || repository.commits.length === 0) return null;
  const [revision, path = ""] = args.expression.split(":");
  if (revision !== "HEAD" && revision !== repository.defaultBranch) return null;
  if (!args.expression.includes(":")) return commitObject(repository, 0);
  const normalized = path.replace(/\/+$/, "");
  if (repository.files.includes(normalized)) {
    const text = repository.fileTexts?.[normalized] ?? null;
    return { __typename: "Blob", oid: fakeSha(`${repository.id}:${normalized}`), text, isTruncated: false, byteSize: text === null ? 0 : Buffer.byteLength(text) };
  }
  return treeObject(repository, normalized);
}

export function repositoryObject(repository: MockRepository): unknown {
  const empty = repository.commits.length === 0;
  return {
    __typename: "Repository",
    id: Buffer.from(`Repository:${repository.id}`).toString("base64"),
    databaseId: repository.id,
    nameWithOwner: fullName(repository),
    name: repository.name,
    owner: { __typename: "Organization", login: repository.owner },
    visibility: repository.visibility,
    isPrivate: repository.visibility !== "PUBLIC",
    isFork: repository.fork,
    isArchived: repository.archived,
    isEmpty: empty,
    stargazerCount: repository.stars,
    primaryLanguage: repository.language ? { name: repository.language } : null,
    createdAt: repository.createdAt,
    pushedAt: repository.pushedAt,
    defaultBranchRef: empty ? null : { name: repository.defaultBranch, prefix: "refs/heads/", target: () => commitObject(repository, 0) },
    pullRequests: (args: PageArguments) => {
      const sorted = [...repository.pullRequests].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      return page(
        sorted,
        args,
        (pull, index) => encodeCursor(String(pull.number), index),
        // GitHub's PullRequest.body is non-null: an empty description is "".
        (pull) => ({ ...pull, body: pull.body ?? "", author: pull.author ? { __typename: pull.author.type, login: pull.author.login } : null }),
      );
    },
    object: (args: { oid?: string; expression?: string }) => resolveObject(repository, args),
  };
}

export const rootValue = {
  repository: (args: { owner: string; name: string }, context: ResolverContext) => {
    const repository =
      context.world.findByName(args.owner, args.name) ?? (context.graphqlFollowsRenames ? context.world.findByOldName(args.owner, args.name) : undefined);
    if (!repository) {
      throw new GraphQLError(`Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`, { extensions: { type: "NOT_FOUND" } });
    }
    if (repository.blocked) throw new GraphQLError("Repository access blocked", { extensions: { type: "FORBIDDEN" } });
    return repositoryObject(repository);
  },
  // Global node ids: GitHub's legacy form base64("010:Repository<id>") and the mock's own
  // base64("Repository:<id>") both resolve; a missing or private repository is a NOT_FOUND item.
  nodes: (args: { ids: string[] }, context: ResolverContext) =>
    args.ids.map((id) => {
      const match = Buffer.from(id, "base64").toString("utf8").match(/Repository:?(\d+)$/);
      const repository = match ? context.world.repositories.get(Number(match[1])) : undefined;
      if (!repository || repository.visibility !== "PUBLIC" || repository.blocked) {
        return new GraphQLError(`Could not resolve to a node with the global id of '${id}'`, { extensions: { type: "NOT_FOUND" } });
      }
      return repositoryObject(repository);
    }),
  rateLimit: (_args: unknown, context: ResolverContext) => ({
    cost: context.cost,
    limit: context.budget.limit,
    remaining: context.budget.remaining,
    used: context.budget.limit - context.budget.remaining,
    resetAt: context.budget.resetAt.toISOString(),
    nodeCount: 0,
  }),
};
