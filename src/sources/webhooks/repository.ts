// repository renamed / transferred / publicized / privatized / deleted → the store follows.
// GitHub's repository id survives renames and transfers, so history stays with the repository.
import type { Context } from "probot";
import { markRepositoryDeleted, removeInstallation, renameRepository, setVisibility, RepositoryNotFoundError } from "../../store/index.js";
import type { WebhookDependencies } from "./dependencies.js";
import { ownerOf, requireRepository } from "./repository-facts.js";

type RepositoryContext = Context<
  "repository.renamed" | "repository.transferred" | "repository.publicized" | "repository.privatized" | "repository.deleted"
>;

export type RepositoryOutcome = "updated" | "unknown-repository";

export async function handleRepositoryLifecycle(context: RepositoryContext, dependencies: WebhookDependencies): Promise<RepositoryOutcome> {
  const { payload } = context;
  const repository = requireRepository(`repository.${payload.action}`, payload.repository);
  const ref = { githubId: repository.id, host: dependencies.host };
  try {
    switch (payload.action) {
      case "renamed":
      case "transferred":
        await renameRepository(dependencies.database, ref, { owner: ownerOf(repository), name: repository.name });
        break;
      case "publicized":
        await setVisibility(dependencies.database, ref, "public");
        break;
      case "privatized":
        await setVisibility(dependencies.database, ref, "private");
        break;
      case "deleted":
        await markRepositoryDeleted(dependencies.database, ref);
        // A deleted private repository's data goes; a public one stays (as "gone") only while a
        // cohort or another installation still tracks it.
        if (payload.installation) await removeInstallation(dependencies.database, payload.installation.id, [repository.id]);
        break;
    }
  } catch (error) {
    // A repository never scanned has nothing to follow.
    if (error instanceof RepositoryNotFoundError) return "unknown-repository";
    throw error;
  }
  return "updated";
}
