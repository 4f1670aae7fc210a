// push → the pushed default-branch commits and config changes, handed to the store's push inbox
// (the delivery is answered once the push is durably there; it is applied right after).
// Other branches are not the default branch's history and are ignored. A force-push (or a push
// whose `before` is not the stored head: a missed delivery, known only when the push is applied)
// leaves history only a window rescan can repair, so one is queued.
import type { Context } from "probot";
import type { AppJobs } from "../../jobs/app-jobs.js";
import { ORG_CONFIG_PATH, ORG_CONFIG_REPOSITORY } from "../../jobs/org-report-config.js";
import { acceptPush, type AppliedPush } from "../../store/index.js";
import { MalformedPayloadError, type WebhookDependencies } from "./dependencies.js";
import { changesFromCompare, changesFromPayload, PUSH_PAYLOAD_COMMIT_CAP, type PayloadCommit } from "./push-commits.js";
import { factsFromPayload, ownerOf, requireRepository } from "./repository-facts.js";

export type PushOutcome = "recorded" | "ignored";

const NULL_SHA = /^0+$/;

export async function handlePush(context: Context<"push">, dependencies: WebhookDependencies): Promise<PushOutcome> {
  const payload = context.payload;
  const repository = requireRepository("push", payload.repository);
  if (typeof payload.ref !== "string" || typeof payload.after !== "string" || typeof payload.before !== "string") throw new MalformedPayloadError("push", "ref/before/after");
  if (!Array.isArray(payload.commits)) throw new MalformedPayloadError("push", "commits");
  const defaultBranch = repository.default_branch;
  if (!defaultBranch || payload.ref !== `refs/heads/${defaultBranch}` || payload.deleted || NULL_SHA.test(payload.after)) return "ignored";

  const owner = ownerOf(repository);
  const payloadCommits = payload.commits as unknown as PayloadCommit[];
  // A full payload may have been cut at GitHub's cap: only the compare API knows the rest.
  const needsCompare = payloadCommits.length >= PUSH_PAYLOAD_COMMIT_CAP && !NULL_SHA.test(payload.before);
  const changes = needsCompare
    ? await changesFromCompare(context.octokit, owner, repository.name, payload.before, payload.after)
    : changesFromPayload(payloadCommits);

  const installationId = payload.installation?.id;
  await acceptPush(dependencies.database, {
    repo: factsFromPayload(repository, dependencies.host),
    installationId,
    before: payload.before,
    after: payload.after,
    forced: payload.forced === true,
    commits: changes.commits,
    configAdded: changes.configAdded,
    configRemoved: changes.configRemoved,
  });
  if (installationId !== undefined && (payload.forced === true || changes.incomplete)) {
    await dependencies.jobs.enqueueRescan({ installationId, owner, name: repository.name, githubId: repository.id });
  }
  // The org just changed its report settings: act on them now rather than at the next tick.
  if (installationId !== undefined && repository.name === ORG_CONFIG_REPOSITORY && changes.touchedPaths.has(ORG_CONFIG_PATH)) {
    await dependencies.jobs.enqueueOrgReport(context.id, installationId, owner, true);
  }
  return "recorded";
}

/**
 * Listens to the push inbox's applier: a push applied onto a head it does not continue (a missed
 * delivery) queues a window rescan. Force-pushes queued theirs when they were delivered.
 */
export function queueRescansForGaps(jobs: Pick<AppJobs, "enqueueRescan">): (applied: AppliedPush[]) => Promise<void> {
  return async (applied) => {
    for (const { push, result } of applied) {
      if (!result.needsRescan || push.forced || push.installationId === undefined || !("visibility" in push.repo) || push.repo.githubId === null) continue;
      await jobs.enqueueRescan({ installationId: push.installationId, owner: push.repo.owner, name: push.repo.name, githubId: push.repo.githubId });
    }
  };
}
