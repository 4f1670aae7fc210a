// Dead letters: pushes the store refused, kept with their reason (push_dead_letters) until an
// operator requeues them (`agent-census pushes --requeue`, pushes.ts). A row holds the push as
// compact tuples, and only what the store keeps anyway (PRODUCT.md: shas, dates, agent ids,
// evidence kinds and the matched marker, config paths, the repository's facts). Every field is
// picked by name, so whatever else a caller's objects carry (a message, an email) never reaches
// the database.

import { sql } from "drizzle-orm";
import { maxMatchedLength } from "./commits.js";
import { isRepositoryFacts } from "./repositories.js";
import { arrayParam, rowsOf } from "./sql.js";
import type { Database, DeadLetteredPush, Evidence, EvidenceKind, ObservedCommit, ObservedConfigFile, PushRecord, RemovedConfigFile, RepositoryFacts, RepositoryRef, Strength } from "./types.js";

type EncodedEvidence = [agent: string, kind: EvidenceKind, strength: Strength, matched: string, signal?: string];
type EncodedCommit = [sha: string, committedAt: string, isMerge: 0 | 1, evidence: EncodedEvidence[]];
type EncodedConfigAdded = [path: string, agent: string, strength: Strength, addedAt: string | null, addedSha: string | null, signal?: string];
type EncodedConfigRemoved = [path: string, removedAt: string];

/** The repository's facts with its dates as ISO text. */
type EncodedFacts = Omit<RepositoryFacts, "url" | "createdAt" | "pushedAt"> & { url: string | null; createdAt: string | null; pushedAt: string | null };

interface EncodedPush {
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

function encodePush(push: PushRecord): EncodedPush {
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

function decodePush(encoded: EncodedPush): PushRecord {
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

/** Names a push's repository whichever way the push refers to it (pushes of one repository are written in order). */
export function repositoryKey(repo: RepositoryFacts | RepositoryRef): string {
  if (isRepositoryFacts(repo)) return repo.githubId !== null ? `github:${repo.host}:${repo.githubId}` : `url:${repo.url ?? ""}`;
  if ("repoId" in repo) return `id:${repo.repoId}`;
  if ("githubId" in repo) return `github:${repo.host ?? "github.com"}:${repo.githubId}`;
  if ("url" in repo) return `url:${repo.url}`;
  return `name:${repo.host ?? "github.com"}:${repo.owner.toLowerCase()}/${repo.name.toLowerCase()}`;
}

/** The root cause first ("relation x does not exist"), then what it broke ("Failed query: ..."). */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e && parts.length < 3; e = (e as { cause?: unknown }).cause) parts.push(e instanceof Error ? e.message : String(e));
  const [root, ...context] = [...new Set(parts)].reverse();
  return (context.length === 0 ? (root ?? "") : `${root} (${context.join(": ")})`).slice(0, 2000);
}

/** Keeps a refused push with its reason. */
export async function insertDeadLetter(database: Database, push: PushRecord, error: unknown): Promise<void> {
  await database.db.execute(sql`
    INSERT INTO push_dead_letters (repo_key, push, received_at, last_error)
    VALUES (${repositoryKey(push.repo)}, ${JSON.stringify(encodePush(push))}::json, ${(push.receivedAt ?? new Date()).toISOString()}::timestamptz, ${describeError(error)})`);
}

interface DeadLetterRow {
  id: string | number;
  repo_key: string;
  received_at: string | Date;
  attempts: number;
  last_error: string | null;
  failed_at: string | Date;
  push: EncodedPush | string;
}

const toDeadLetter = (row: DeadLetterRow): DeadLetteredPush => ({
  id: Number(row.id),
  repoKey: row.repo_key,
  receivedAt: new Date(row.received_at),
  attempts: row.attempts,
  error: row.last_error,
  failedAt: new Date(row.failed_at),
});

/** Pushes the store refused, with their last error (oldest first). */
export async function deadLetteredPushes(database: Database, limit = 100): Promise<DeadLetteredPush[]> {
  const rows = await rowsOf<DeadLetterRow>(database.db, sql`
    SELECT id, repo_key, received_at, attempts, last_error, failed_at, NULL AS push FROM push_dead_letters ORDER BY id LIMIT ${limit}`);
  return rows.map(toDeadLetter);
}

/** How many pushes wait as dead letters. */
export async function countDeadLetters(database: Database): Promise<number> {
  const [row] = await rowsOf<{ n: string | number }>(database.db, sql`SELECT count(*) AS n FROM push_dead_letters`);
  return Number(row?.n ?? 0);
}

/** Dead letters (all, or these ids) with their pushes, oldest first. */
export async function loadDeadLetters(database: Database, ids?: readonly number[]): Promise<Array<{ id: number; push: PushRecord }>> {
  const rows = await rowsOf<DeadLetterRow>(database.db, sql`
    SELECT id, received_at, push FROM push_dead_letters ${ids === undefined ? sql`` : sql`WHERE id = ANY(${arrayParam([...ids])}::bigint[])`} ORDER BY id`);
  return rows.map((row) => ({
    id: Number(row.id),
    push: { ...decodePush(typeof row.push === "string" ? (JSON.parse(row.push) as EncodedPush) : row.push), receivedAt: new Date(row.received_at) },
  }));
}

export async function deleteDeadLetter(database: Database, id: number): Promise<void> {
  await database.db.execute(sql`DELETE FROM push_dead_letters WHERE id = ${id}`);
}

/** A requeued dead letter was refused again: one more attempt, and the new reason. */
export async function markDeadLetterFailed(database: Database, id: number, error: unknown): Promise<void> {
  await database.db.execute(sql`
    UPDATE push_dead_letters SET attempts = attempts + 1, last_error = ${describeError(error)}, failed_at = now() WHERE id = ${id}`);
}
