// push → the pushed default-branch commits and config changes, written to the store before the
// delivery is answered (docs/ingest.md). Other branches are not the default branch's history and
// are ignored. A force-push, a push whose `before` is not the stored head (a missed delivery) or a
// payload cut at GitHub's cap leaves history only a window rescan can repair, so one is queued
// (one per repository: the queue keeps a single waiting rescan of it).
import type { Context } from "probot";
import { ORG_CONFIG_PATH, ORG_CONFIG_REPOSITORY } from "../../jobs/org-report-config.js";
import { acceptPush } from "../../store/index.js";
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
  // Refused by the store: kept as a dead letter with the reason, and the delivery fails (500).
  const result = await acceptPush(dependencies.database, {
    repo: factsFromPayload(repository, dependencies.host),
    installationId,
    before: payload.before,
    after: payload.after,
    forced: payload.forced === true,
    commits: changes.commits,
    configAdded: changes.configAdded,
    configRemoved: changes.configRemoved,
  });
  if (installationId !== undefined && (result.needsRescan || changes.incomplete)) {
    await dependencies.jobs.enqueueRescan({ installationId, owner, name: repository.name, githubId: repository.id });
  }
  // The org just changed its report settings: act on them now rather than at the next tick.
  if (installationId !== undefined && repository.name === ORG_CONFIG_REPOSITORY && changes.touchedPaths.has(ORG_CONFIG_PATH)) {
    await dependencies.jobs.enqueueOrgReport(context.id, installationId, owner, true);
  }
  return "recorded";
}
