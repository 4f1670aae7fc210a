// pull_request opened / reopened / closed → agent pull requests (author bot, branch prefix, body
// markers). The detector decides; a person's pull request is never stored.
import type { Context } from "probot";
import { observePullRequests } from "../../scan/observe.js";
import { recordPullRequests } from "../../store/index.js";
import { MalformedPayloadError, type WebhookDependencies } from "./dependencies.js";
import { factsFromPayload, requireRepository } from "./repository-facts.js";

type PullRequestContext = Context<"pull_request.opened" | "pull_request.reopened" | "pull_request.closed">;

/** Returns how many agent pull requests were recorded (0 or 1). */
export async function handlePullRequest(context: PullRequestContext, dependencies: WebhookDependencies): Promise<number> {
  const { payload } = context;
  const repository = requireRepository(`pull_request.${payload.action}`, payload.repository);
  const pr = payload.pull_request as Partial<PullRequestContext["payload"]["pull_request"]> | undefined;
  if (!pr || typeof pr.number !== "number" || !pr.head || typeof pr.created_at !== "string") throw new MalformedPayloadError("pull_request", "pull_request");
  const observed = observePullRequests([
    {
      number: pr.number,
      authorLogin: pr.user?.login ?? null,
      headRef: pr.head.ref,
      title: pr.title ?? "",
      body: pr.body ?? null,
      createdAt: pr.created_at,
      mergedAt: pr.merged_at ?? null,
      state: pr.state ?? null,
    },
  ]);
  if (observed.length === 0) return 0;
  const installationId = payload.installation?.id;
  await recordPullRequests(dependencies.database, factsFromPayload(repository, dependencies.host), observed, installationId === undefined ? undefined : { installationId });
  return observed.length;
}
