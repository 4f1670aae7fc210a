// A Probot instance with the agent-census app loaded, on a test store and a real pg-boss queue,
// for feeding real webhook payloads through `probot.receive`. GitHub is nock (no network).
import examples from "@octokit/webhooks-examples";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { agentCensusApp } from "../../src/app.js";
import { createAppJobs, type AppJobs } from "../../src/jobs/app-jobs.js";
import { openJobQueue, type JobQueue } from "../../src/jobs/queue.js";
import type { CommitInput } from "../../src/detect/types.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";

export const silentLog = pino({ level: "silent" });

/** Probot's Octokit without retries or throttling, so a nock miss fails at once. */
export const TestOctokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });

export interface AppHarness {
  database: TestDatabase;
  queue: JobQueue;
  jobs: AppJobs;
  probot: Probot;
  /** Delivers an event to the app (a push is written before the handler returns). */
  receive(event: Parameters<Probot["receive"]>[0]): Promise<void>;
  /** Jobs waiting on a queue (created or retry). */
  queued(name: string): Promise<number>;
  close(): Promise<void>;
}

export async function openAppHarness(): Promise<AppHarness> {
  const database = await openTestDatabase();
  const queue = await openJobQueue(database, { connectionString: process.env.TEST_DATABASE_URL, supervise: false });
  const jobs = createAppJobs(queue.boss);
  const probot = new Probot({ githubToken: "test-installation-token", log: silentLog, Octokit: TestOctokit });
  await probot.load(agentCensusApp({ database, jobs, host: "github.com", publicRoutes: null }), { cwd: process.cwd(), addHandler: () => {} });
  return {
    database,
    queue,
    jobs,
    probot,
    async receive(event) {
      await probot.receive(event);
    },
    queued: (name) => queue.boss.getQueueSize(name),
    async close() {
      await queue.stop();
      await database.cleanup();
    },
  };
}

type Example = { name: string; examples: Array<Record<string, unknown>> };

/** A real payload from @octokit/webhooks-examples (deep-copied), chosen by event and predicate. */
export function examplePayload<T = Record<string, unknown>>(event: string, pick: (payload: Record<string, unknown>) => boolean = () => true): T {
  const found = (examples as unknown as Example[]).find((entry) => entry.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example matches`);
  return structuredClone(found) as T;
}

let deliveries = 0;
/** A fresh delivery id (GitHub's are UUIDs). */
export function deliveryId(): string {
  deliveries++;
  return `00000000-0000-4000-8000-${String(deliveries).padStart(12, "0")}`;
}

export interface PushOptions {
  repositoryId?: number;
  owner?: string;
  name?: string;
  privateRepository?: boolean;
  ref?: string;
  before: string;
  after?: string;
  forced?: boolean;
  installationId?: number;
  added?: Record<string, string[]>;
  removed?: Record<string, string[]>;
}

/** A push payload in GitHub's shape (the example's), carrying the given commits oldest first. */
export function pushPayload(commits: readonly CommitInput[], options: PushOptions): Record<string, unknown> {
  const payload = examplePayload("push", (p) => p.ref === "refs/heads/master" && p.installation !== undefined);
  const repository = payload.repository as Record<string, unknown> & { owner: Record<string, unknown> };
  if (options.repositoryId) repository.id = options.repositoryId;
  if (options.name) repository.name = options.name;
  if (options.owner) {
    repository.owner.login = options.owner;
    repository.owner.name = options.owner;
  }
  repository.full_name = `${repository.owner.login as string}/${repository.name as string}`;
  if (options.privateRepository !== undefined) {
    repository.private = options.privateRepository;
    repository.visibility = options.privateRepository ? "private" : "public";
  }
  const payloadCommits = commits.map((commit) => ({
    id: commit.sha,
    tree_id: "0".repeat(40),
    distinct: true,
    message: commit.message,
    timestamp: commit.committer.date,
    url: `https://github.com/x/y/commit/${commit.sha}`,
    author: { name: commit.author.name, email: commit.author.email, ...(commit.author.login ? { username: commit.author.login } : {}) },
    committer: { name: commit.committer.name, email: commit.committer.email, ...(commit.committer.login ? { username: commit.committer.login } : {}) },
    added: options.added?.[commit.sha] ?? [],
    removed: options.removed?.[commit.sha] ?? [],
    modified: [],
  }));
  return {
    ...payload,
    ref: options.ref ?? "refs/heads/master",
    before: options.before,
    after: options.after ?? commits.at(-1)?.sha ?? "f".repeat(40),
    created: false,
    forced: options.forced ?? false,
    commits: payloadCommits,
    head_commit: payloadCommits.at(-1) ?? null,
    installation: { id: options.installationId ?? 1, node_id: "x" },
  };
}
