// installation and installation_repositories → backfills queued, or the installation's data
// removed. A webhook answers at once: an org of 1,000 repositories is 1,000 small queue rows
// inserted in two statements, and the scanning happens in the workers.
import type { Context } from "probot";
import type { RepositoryJob } from "../../jobs/app-jobs.js";
import { removeInstallation, type RemoveInstallationResult } from "../../store/index.js";
import { MalformedPayloadError, type WebhookDependencies } from "./dependencies.js";

interface PayloadInstallationRepository {
  id: number;
  name: string;
  full_name: string;
}

function installationIdOf(event: string, installation: { id?: unknown } | undefined): number {
  if (typeof installation?.id !== "number") throw new MalformedPayloadError(event, "installation.id");
  return installation.id;
}

function repositoryJobs(event: string, installationId: number, repositories: readonly PayloadInstallationRepository[]): RepositoryJob[] {
  return repositories.map((repository) => {
    const owner = repository.full_name?.split("/")[0];
    if (typeof repository.id !== "number" || !owner || typeof repository.name !== "string") throw new MalformedPayloadError(event, "repositories[].full_name");
    return { installationId, owner, name: repository.name, githubId: repository.id };
  });
}

/** installation.created / unsuspend: backfill every repository it covers. Returns the jobs queued. */
export async function handleInstallationCreated(
  context: Context<"installation.created" | "installation.unsuspend">,
  dependencies: WebhookDependencies,
): Promise<number> {
  const event = `installation.${context.payload.action}`;
  const installationId = installationIdOf(event, context.payload.installation);
  const listed = (context.payload as { repositories?: PayloadInstallationRepository[] }).repositories;
  // unsuspend carries no repository list, and GitHub may leave it out: list them in a job.
  if (!Array.isArray(listed)) {
    await dependencies.jobs.enqueueInstallationListing(context.id, installationId);
    return 0;
  }
  const jobs = repositoryJobs(event, installationId, listed);
  await dependencies.jobs.enqueueBackfill(context.id, jobs);
  return jobs.length;
}

/** installation_repositories.added: backfill the new ones. */
export async function handleRepositoriesAdded(context: Context<"installation_repositories.added">, dependencies: WebhookDependencies): Promise<number> {
  const installationId = installationIdOf("installation_repositories.added", context.payload.installation);
  const added = context.payload.repositories_added as PayloadInstallationRepository[] | undefined;
  if (!Array.isArray(added)) throw new MalformedPayloadError("installation_repositories.added", "repositories_added");
  const jobs = repositoryJobs("installation_repositories.added", installationId, added);
  await dependencies.jobs.enqueueBackfill(context.id, jobs);
  return jobs.length;
}

/** installation_repositories.removed: those repositories' private data goes. */
export async function handleRepositoriesRemoved(
  context: Context<"installation_repositories.removed">,
  dependencies: WebhookDependencies,
): Promise<RemoveInstallationResult> {
  const installationId = installationIdOf("installation_repositories.removed", context.payload.installation);
  const removed = context.payload.repositories_removed as Array<{ id: number }> | undefined;
  if (!Array.isArray(removed)) throw new MalformedPayloadError("installation_repositories.removed", "repositories_removed");
  return removeInstallation(dependencies.database, installationId, removed.map((repository) => repository.id));
}

/**
 * installation.deleted / suspend: the org withdrew access, so the data it gave goes with it
 * (private repositories, and public ones nothing else tracks). An unsuspend backfills again.
 */
export async function handleInstallationRemoved(
  context: Context<"installation.deleted" | "installation.suspend">,
  dependencies: WebhookDependencies,
): Promise<RemoveInstallationResult> {
  const installationId = installationIdOf(`installation.${context.payload.action}`, context.payload.installation);
  return removeInstallation(dependencies.database, installationId);
}
