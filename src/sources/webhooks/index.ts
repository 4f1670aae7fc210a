// Event names → thin handlers. Each handler parses its payload, calls the detector (through
// src/scan/observe) and the store, and hands slow work to the job queue.
import type { Probot } from "probot";
import type { WebhookDependencies } from "./dependencies.js";
import { handleInstallationCreated, handleInstallationRemoved, handleRepositoriesAdded, handleRepositoriesRemoved } from "./installation.js";
import { handlePullRequest } from "./pull-request.js";
import { handlePush } from "./push.js";
import { handleRepositoryLifecycle } from "./repository.js";

export { MalformedPayloadError, type WebhookDependencies } from "./dependencies.js";
export { PUSH_PAYLOAD_COMMIT_CAP } from "./push-commits.js";

export function registerWebhookHandlers(app: Probot, dependencies: WebhookDependencies): void {
  app.on(["installation.created", "installation.unsuspend"], async (context) => {
    const queued = await handleInstallationCreated(context, dependencies);
    context.log.info({ installationId: context.payload.installation.id, queued }, "backfill queued");
  });
  app.on(["installation.deleted", "installation.suspend"], async (context) => {
    const removed = await handleInstallationRemoved(context, dependencies);
    context.log.info({ installationId: context.payload.installation.id, ...removed }, "installation data removed");
  });
  app.on("installation_repositories.added", async (context) => {
    await handleRepositoriesAdded(context, dependencies);
  });
  app.on("installation_repositories.removed", async (context) => {
    await handleRepositoriesRemoved(context, dependencies);
  });
  app.on("push", async (context) => {
    await handlePush(context, dependencies);
  });
  app.on(["pull_request.opened", "pull_request.reopened", "pull_request.closed"], async (context) => {
    await handlePullRequest(context, dependencies);
  });
  app.on(["repository.renamed", "repository.transferred", "repository.publicized", "repository.privatized", "repository.deleted"], async (context) => {
    await handleRepositoryLifecycle(context, dependencies);
  });
}
