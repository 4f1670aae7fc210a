// Agent config and instruction files on the default branch: when each was added (the adding
// commit's date when known), first and last seen, and removed. A file counts for a month when it
// was present at the month's end (aggregates.ts).

import { sql } from "drizzle-orm";
import { dedupeBy } from "./commits.js";
import { arrayParam, isoOrNull, type Executor } from "./sql.js";
import type { AgentClassifier, ObservedConfigFile, RemovedConfigFile } from "./types.js";

/**
 * Config files seen present at `seenAt`. A file seen again after its recorded removal is present
 * again; a replayed older observation (seenAt before the removal) does not resurrect it.
 */
export async function markConfigFilesPresent(
  tx: Executor,
  repoId: number,
  files: readonly ObservedConfigFile[],
  seenAt: Date,
  classOf: AgentClassifier,
): Promise<void> {
  const unique = dedupeBy(files, (f) => `${f.path}\u001f${f.agent}`);
  if (unique.length === 0) return;
  const seen = seenAt.toISOString();
  await tx.execute(sql`
    INSERT INTO config_files (repo_id, path, agent, agent_class, strength, added_at, added_sha, first_seen_at, last_seen_at, signal)
    SELECT ${repoId}, path, agent, agent_class, strength, added_at, added_sha, ${seen}::timestamptz, ${seen}::timestamptz, signal
    FROM unnest(${arrayParam(unique.map((f) => f.path))}::text[], ${arrayParam(unique.map((f) => f.agent))}::text[],
      ${arrayParam(unique.map((f) => classOf(f.agent)))}::text[], ${arrayParam(unique.map((f) => f.strength))}::text[],
      ${arrayParam(unique.map((f) => isoOrNull(f.addedAt)))}::timestamptz[], ${arrayParam(unique.map((f) => f.addedSha ?? null))}::text[],
      ${arrayParam(unique.map((f) => f.signal ?? null))}::text[])
      AS t(path, agent, agent_class, strength, added_at, added_sha, signal)
    ON CONFLICT (repo_id, path, agent) DO UPDATE SET
      agent_class = excluded.agent_class, strength = excluded.strength, signal = coalesce(excluded.signal, config_files.signal),
      added_at = coalesce(excluded.added_at, config_files.added_at),
      added_sha = coalesce(excluded.added_sha, config_files.added_sha),
      first_seen_at = least(config_files.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(config_files.last_seen_at, excluded.last_seen_at),
      removed_at = CASE WHEN config_files.removed_at IS NOT NULL
                         AND greatest(excluded.last_seen_at, coalesce(excluded.added_at, excluded.last_seen_at)) <= config_files.removed_at
                        THEN config_files.removed_at ELSE NULL END`);
}

/** A complete observation at head: stored files not in it were removed (dated when seen gone). */
export async function markConfigFilesMissingAsRemoved(
  tx: Executor,
  repoId: number,
  present: readonly ObservedConfigFile[],
  seenAt: Date,
): Promise<void> {
  const keys = present.map((f) => `${f.path}\u001f${f.agent}`);
  await tx.execute(sql`
    UPDATE config_files SET removed_at = ${seenAt.toISOString()}::timestamptz
    WHERE repo_id = ${repoId} AND removed_at IS NULL AND last_seen_at <= ${seenAt.toISOString()}::timestamptz
      AND NOT ((path || chr(31) || agent) = ANY(${arrayParam(keys)}::text[]))`);
}

export async function markConfigFilesRemoved(tx: Executor, repoId: number, removed: readonly RemovedConfigFile[]): Promise<void> {
  for (const file of removed) {
    await tx.execute(sql`
      UPDATE config_files SET removed_at = ${file.removedAt.toISOString()}::timestamptz
      WHERE repo_id = ${repoId} AND path = ${file.path}
        AND (removed_at IS NULL OR removed_at > ${file.removedAt.toISOString()}::timestamptz)
        AND coalesce(added_at, first_seen_at) <= ${file.removedAt.toISOString()}::timestamptz`);
  }
}
