// A push as the inbox row holds it: compact tuples, and only what the store keeps anyway
// (PRODUCT.md: shas, dates, agent ids, evidence kinds and the matched marker, config paths, the
// repository's facts). Every field is picked by name, so whatever else a caller's objects carry
// (a message, an email) never reaches the database.

import type { Evidence, EvidenceKind, ObservedCommit, ObservedConfigFile, PushRecord, RemovedConfigFile, RepositoryFacts, RepositoryRef, Strength } from "./api.js";
import { maxMatchedLength } from "./facts.js";
import { isRepositoryFacts } from "./repositories.js";

type EncodedEvidence = [agent: string, kind: EvidenceKind, strength: Strength, matched: string, signal?: string];
type EncodedCommit = [sha: string, committedAt: string, isMerge: 0 | 1, evidence: EncodedEvidence[]];
type EncodedConfigAdded = [path: string, agent: string, strength: Strength, addedAt: string | null, addedSha: string | null, signal?: string];
type EncodedConfigRemoved = [path: string, removedAt: string];

/** The repository's facts with its dates as ISO text. */
type EncodedFacts = Omit<RepositoryFacts, "url" | "createdAt" | "pushedAt"> & { url: string | null; createdAt: string | null; pushedAt: string | null };

export interface EncodedPush {
  facts?: EncodedFacts;
  ref?: RepositoryRef;
  installationId?: number;
  before: string;
  after: string;
  forced: boolean;
  commits: EncodedCommit[];
  configAdded?: EncodedConfigAdded[];
  configRemoved?: EncodedConfigRemoved[];
  receivedAt?: string;
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const dateOf = (text: string | null) => (text === null ? null : new Date(text));

function encodeFacts(repo: RepositoryFacts): EncodedFacts {
  return {
    githubId: repo.githubId,
    host: repo.host,
    owner: repo.owner,
    name: repo.name,
    url: repo.url ?? null,
    visibility: repo.visibility,
    fork: repo.fork,
    archived: repo.archived,
    stars: repo.stars,
    language: repo.language,
    createdAt: iso(repo.createdAt),
    pushedAt: iso(repo.pushedAt),
    defaultBranch: repo.defaultBranch,
  };
}

function encodeRef(ref: RepositoryRef): RepositoryRef {
  if ("repoId" in ref) return { repoId: ref.repoId };
  if ("githubId" in ref) return { githubId: ref.githubId, host: ref.host };
  if ("url" in ref) return { url: ref.url };
  return { owner: ref.owner, name: ref.name, host: ref.host };
}

const encodeEvidence = (e: Evidence): EncodedEvidence =>
  e.signal === undefined ? [e.agent, e.kind, e.strength, e.matched.slice(0, maxMatchedLength)] : [e.agent, e.kind, e.strength, e.matched.slice(0, maxMatchedLength), e.signal];
const encodeCommit = (c: ObservedCommit): EncodedCommit => [c.sha, c.committedAt.toISOString(), c.isMerge ? 1 : 0, c.evidence.map(encodeEvidence)];

export function encodePush(push: PushRecord): EncodedPush {
  const encoded: EncodedPush = { before: push.before, after: push.after, forced: push.forced, commits: push.commits.map(encodeCommit) };
  if (isRepositoryFacts(push.repo)) encoded.facts = encodeFacts(push.repo);
  else encoded.ref = encodeRef(push.repo);
  if (push.installationId !== undefined) encoded.installationId = push.installationId;
  if (push.configAdded?.length) encoded.configAdded = push.configAdded.map((f) =>
      f.signal === undefined ? [f.path, f.agent, f.strength, iso(f.addedAt), f.addedSha ?? null] : [f.path, f.agent, f.strength, iso(f.addedAt), f.addedSha ?? null, f.signal],
    );
  if (push.configRemoved?.length) encoded.configRemoved = push.configRemoved.map((f) => [f.path, f.removedAt.toISOString()]);
  if (push.receivedAt) encoded.receivedAt = push.receivedAt.toISOString();
  return encoded;
}

function decodeFacts(facts: EncodedFacts): RepositoryFacts {
  return { ...facts, createdAt: dateOf(facts.createdAt), pushedAt: dateOf(facts.pushedAt) };
}

export function decodePush(encoded: EncodedPush): PushRecord {
  const configAdded: ObservedConfigFile[] | undefined = encoded.configAdded?.map(([path, agent, strength, addedAt, addedSha, signal]) => ({
    path,
    agent,
    strength,
    addedAt: dateOf(addedAt),
    addedSha,
    ...(signal === undefined ? {} : { signal }),
  }));
  const configRemoved: RemovedConfigFile[] | undefined = encoded.configRemoved?.map(([path, removedAt]) => ({ path, removedAt: new Date(removedAt) }));
  return {
    repo: encoded.facts ? decodeFacts(encoded.facts) : (encoded.ref as RepositoryRef),
    ...(encoded.installationId !== undefined ? { installationId: encoded.installationId } : {}),
    before: encoded.before,
    after: encoded.after,
    forced: encoded.forced,
    commits: encoded.commits.map(([sha, committedAt, isMerge, evidence]) => ({
      sha,
      committedAt: new Date(committedAt),
      isMerge: isMerge === 1,
      evidence: evidence.map(([agent, kind, strength, matched, signal]) => ({ agent, kind, strength, matched, ...(signal === undefined ? {} : { signal }) })),
    })),
    ...(configAdded ? { configAdded } : {}),
    ...(configRemoved ? { configRemoved } : {}),
    ...(encoded.receivedAt ? { receivedAt: new Date(encoded.receivedAt) } : {}),
  };
}

/** Pushes of one repository are applied in arrival order: this names the repository in the inbox. */
export function repositoryKey(repo: RepositoryFacts | RepositoryRef): string {
  if (isRepositoryFacts(repo)) return repo.githubId !== null ? `github:${repo.host}:${repo.githubId}` : `url:${repo.url ?? ""}`;
  if ("repoId" in repo) return `id:${repo.repoId}`;
  if ("githubId" in repo) return `github:${repo.host ?? "github.com"}:${repo.githubId}`;
  if ("url" in repo) return `url:${repo.url}`;
  return `name:${repo.host ?? "github.com"}:${repo.owner.toLowerCase()}/${repo.name.toLowerCase()}`;
}
