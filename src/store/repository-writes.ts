// Lifecycle writes that GitHub's repository webhooks map to.

import type { Database, RepositoryRef, Visibility } from "./api.js";
import { renameRepositoryRow, requireRepositoryId, setStatus, setVisibilityRow } from "./repositories.js";
import { inTransaction } from "./sql.js";

/** Same row, same history: GitHub's id survives a rename or transfer. */
export async function renameRepositoryImpl(
  database: Database,
  repo: RepositoryRef,
  to: { owner: string; name: string; url?: string | null },
): Promise<void> {
  await inTransaction(database, async (tx) => renameRepositoryRow(tx, await requireRepositoryId(tx, repo), to));
}

export async function setVisibilityImpl(database: Database, repo: RepositoryRef, visibility: Visibility): Promise<void> {
  await inTransaction(database, async (tx) => setVisibilityRow(tx, await requireRepositoryId(tx, repo), visibility));
}

/** Deleted upstream: its past activity was real, so the history stays; it is just never scanned again. */
export async function markRepositoryDeletedImpl(database: Database, repo: RepositoryRef): Promise<void> {
  await inTransaction(database, async (tx) => setStatus(tx, await requireRepositoryId(tx, repo), "gone"));
}
