// Evidence sampled for people to review, and their verdicts: what per-signal precision is computed
// from. Sampling is by signal id (the catalog's `agent/kind/key`, stored on every evidence row).

import { sql, type SQL } from "drizzle-orm";
import type { Database } from "./types.js";
import { InvalidStoreInputError } from "./errors.js";
import { signalReviews } from "./schema.js";
import { arrayParam, inTransaction, rowsOf } from "./sql.js";

export type EvidenceChannel = "commit" | "pr" | "config";

export interface SampledEvidence {
  signal: string;
  agent: string;
  channel: EvidenceChannel;
  repoId: number;
  host: string;
  owner: string;
  name: string;
  /** The repository's URL as stored (null for a GitHub repository known by id only). */
  url: string | null;
  /** The commit sha, pull request number or config path. */
  ref: string;
  /** The text that matched (a trailer line, a bot login, a branch name, a path). */
  matched: string;
}

export interface SampleOptions {
  /** Signal ids to sample; all stored signals when absent. */
  signals?: readonly string[];
  perSignal: number;
  /** Same seed, same store → same sample. */
  seed: number;
  /** Public repositories only (a sample for a public report): a private or internal one never appears. */
  publicOnly: boolean;
}

/**
 * Up to `perSignal` pieces of evidence per signal, drawn without replacement in a seeded order
 * (md5 of the seed and the evidence's key: reproducible, and independent of insertion order).
 */
export async function sampleEvidence(database: Database, options: SampleOptions): Promise<SampledEvidence[]> {
  if (!Number.isSafeInteger(options.perSignal) || options.perSignal < 1) throw new InvalidStoreInputError(`perSignal must be a positive integer, got ${options.perSignal}`);
  const only = options.signals ? sql`AND e.signal = ANY(${arrayParam(options.signals)}::text[])` : sql``;
  const evidence = (channel: EvidenceChannel, table: string, ref: SQL, matched: SQL) =>
    sql`SELECT e.signal, e.agent, ${channel}::text AS channel, e.repo_id, ${ref} AS ref, ${matched} AS matched
        FROM ${sql.raw(table)} e WHERE e.signal IS NOT NULL ${only}`;
  const visible = options.publicOnly ? sql`AND r.visibility = 'public'` : sql``;
  return (
    await rowsOf<{ signal: string; agent: string; channel: EvidenceChannel; repo_id: number; host: string; owner: string; name: string; url: string | null; ref: string; matched: string }>(
      database.db,
      sql`SELECT signal, agent, channel, repo_id, host, owner, name, url, ref, matched FROM (
            SELECT ev.*, r.host, r.owner, r.name, r.url,
              row_number() OVER (PARTITION BY ev.signal ORDER BY md5(${String(options.seed)} || ':' || ev.channel || ':' || ev.repo_id || ':' || ev.ref)) AS draw
            FROM (
              ${evidence("commit", "commit_evidence", sql`e.sha`, sql`e.matched`)}
              UNION ALL ${evidence("pr", "pull_request_evidence", sql`e.number::text`, sql`e.matched`)}
              UNION ALL ${evidence("config", "config_files", sql`e.path`, sql`e.path`)}
            ) ev JOIN repositories r ON r.id = ev.repo_id
            WHERE true ${visible}
          ) drawn WHERE draw <= ${options.perSignal} ORDER BY signal, draw`,
    )
  ).map((row) => ({
    signal: row.signal,
    agent: row.agent,
    channel: row.channel,
    repoId: Number(row.repo_id),
    host: row.host,
    owner: row.owner,
    name: row.name,
    url: row.url,
    ref: row.ref,
    matched: row.matched,
  }));
}

export interface SignalReview {
  signal: string;
  repoId: number;
  channel: EvidenceChannel;
  ref: string;
  agent: string;
  matched: string;
  correct: boolean;
}

/** Stores verdicts; a review of the same evidence again replaces the earlier verdict. */
export async function importSignalReviews(database: Database, reviews: readonly SignalReview[], reviewedAt = new Date()): Promise<number> {
  if (reviews.length === 0) return 0;
  await inTransaction(database, async (tx) => {
    for (let i = 0; i < reviews.length; i += 500) {
      const batch = reviews.slice(i, i + 500).map((r) => ({ ...r, reviewedAt }));
      await (tx as unknown as Database["db"])
        .insert(signalReviews)
        .values(batch)
        .onConflictDoUpdate({
          target: [signalReviews.signal, signalReviews.repoId, signalReviews.channel, signalReviews.ref],
          set: { correct: sql`excluded.correct`, agent: sql`excluded.agent`, matched: sql`excluded.matched`, reviewedAt: sql`excluded.reviewed_at` },
        });
    }
  });
  return reviews.length;
}

export interface SignalReviewCount {
  signal: string;
  reviewed: number;
  correct: number;
}

/** Reviewed and correct counts per signal; `publicOnly` counts reviews of public repositories only. */
export async function signalReviewCounts(database: Database, options: { publicOnly: boolean }): Promise<SignalReviewCount[]> {
  const visible = options.publicOnly ? sql`JOIN repositories r ON r.id = s.repo_id AND r.visibility = 'public'` : sql``;
  const rows = await rowsOf<{ signal: string; reviewed: number; correct: number }>(
    database.db,
    sql`SELECT s.signal, count(*)::int AS reviewed, count(*) FILTER (WHERE s.correct)::int AS correct
        FROM signal_reviews s ${visible} GROUP BY s.signal ORDER BY s.signal`,
  );
  return rows.map((row) => ({ signal: row.signal, reviewed: Number(row.reviewed), correct: Number(row.correct) }));
}
